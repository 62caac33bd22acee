package dev.tarosocket.internal;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.CharRange;
import net.jqwik.api.constraints.StringLength;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

/** The byte count behind {@code bufferedAmount} is the UTF-8 encoder's, wherever the first non-ASCII char sits. */
class Utf8LengthTest {

    @Property(tries = 2000)
    void countsWhatTheEncoderWrites(@ForAll @StringLength(max = 40) @CharRange(from = 0, to = 0xD7FF) String bmp,
                                    @ForAll @StringLength(max = 12) String any) {
        String s = bmp + any.replaceAll("[\\uD800-\\uDFFF]", "") + "\uD83D\uDE00" + bmp;
        assertThat(Validation.utf8Length(s)).isEqualTo(s.getBytes(StandardCharsets.UTF_8).length);
        assertThat(Validation.utf8Length(bmp)).isEqualTo(bmp.getBytes(StandardCharsets.UTF_8).length);
    }

    @Test
    void aNonAsciiCharAtEveryPositionOfTheFirstBlocksIsCounted() {
        for (int length = 0; length <= 11; length++) {
            for (int at = 0; at < length; at++) {
                char[] chars = "abcdefghijk".substring(0, length).toCharArray();
                chars[at] = 'é'; // two bytes
                assertThat(Validation.utf8Length(new String(chars))).as("length %d, é at %d", length, at).isEqualTo(length + 1);
            }
            assertThat(Validation.utf8Length("abcdefghijk".substring(0, length))).isEqualTo(length);
        }
    }
}
