package dev.tarosocket.cdi.typed;

import dev.tarosocket.CallbackResult;
import dev.tarosocket.ReadyState;
import dev.tarosocket.SendSocketMessageOption;
import dev.tarosocket.SocketErrorCode;
import dev.tarosocket.SocketException;
import dev.tarosocket.SocketTask;
import dev.tarosocket.cdi.named.CdiApp;
import dev.tarosocket.event.SocketMessageEvent;
import dev.tarosocket.testing.TestServer;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;

import static dev.tarosocket.SocketExceptions.failure;
import static dev.tarosocket.SocketExceptions.value;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/** Typed JSON with Yasson through a real server's /echo, on Weld SE. */
class TypedJsonTest {

    private static final Duration WAIT = Duration.ofSeconds(10);

    private final TestServer server = TestServer.start();

    @AfterEach
    void stopServer() {
        server.close();
    }

    private CdiApp app(Class<?>... beans) {
        return CdiApp.start(Map.of("taro.socket.prices.url", server.uri("/echo").toString()), beans);
    }

    @Test
    void sendJsonSendsOneTextFrameAndTheTypedObserverReceivesTheEchoDecoded() {
        try (CdiApp app = app(PricesClient.class, PriceObservers.class)) {
            SocketTask prices = app.get(PricesClient.class).prices;
            PriceObservers observers = app.get(PriceObservers.class);

            CallbackResult sent = value(prices.sendJson(new Price("TARO", 4200)));

            assertThat(sent.errMsg()).isEqualTo("sendSocketMessage:ok");
            // /echo returns the frame as it came: the untyped observer shows what went on the wire
            await().atMost(WAIT).until(() -> observers.prices().size() == 1);
            assertThat(observers.prices()).containsExactly(new Price("TARO", 4200));
            assertThat(observers.untyped()).containsExactly("{\"cents\":4200,\"symbol\":\"TARO\"}");
            assertThat(observers.otherPrices()).as("another socket's typed observer").isEmpty();
        }
    }

    @Test
    void aMessageThatDoesNotDecodeReachesTheUntypedObserversAndNoTypedOneAndBreaksNothing() {
        try (CdiApp app = app(PricesClient.class, PriceObservers.class)) {
            SocketTask prices = app.get(PricesClient.class).prices;
            PriceObservers observers = app.get(PriceObservers.class);

            value(prices.send("not JSON at all"));
            value(prices.send("[1, 2, 3]"));
            value(prices.send("null"));
            value(prices.send(ByteBuffer.wrap("{\"symbol\":\"BIN\",\"cents\":1}".getBytes())));
            value(prices.sendJson(new Price("AFTER", 1)));

            // messages are delivered in order: once the last one reached its observer, the others were seen
            await().atMost(WAIT).until(() -> observers.prices().size() == 1);
            assertThat(observers.untyped()).containsExactly("not JSON at all", "[1, 2, 3]", "null", "binary",
                    "{\"cents\":1,\"symbol\":\"AFTER\"}");
            assertThat(observers.prices()).containsExactly(new Price("AFTER", 1));
            assertThat(observers.ticks()).extracting(t -> t.symbol).containsExactly("AFTER");
            assertThat(observers.errors()).isEmpty();
            assertThat(prices.readyState()).isEqualTo(ReadyState.OPEN);
        }
    }

    @Test
    void eachTypedObserverGetsTheMessageDecodedAsItsOwnTypeExactlyOnceDespiteAThrowingOne() {
        try (CdiApp app = app(PricesClient.class, PriceObservers.class)) {
            SocketTask prices = app.get(PricesClient.class).prices;
            PriceObservers observers = app.get(PriceObservers.class);

            value(prices.send("{\"symbol\":\"ONE\",\"cents\":7}"));
            value(prices.send("{\"symbol\":\"TWO\",\"cents\":8}"));

            await().atMost(WAIT).until(() -> observers.prices().size() == 2);
            assertThat(observers.ticks()).extracting(t -> (Object) t.getClass()).containsExactly(Tick.class, Tick.class);
            assertThat(observers.ticks()).extracting(t -> t.symbol).containsExactly("ONE", "TWO");
            assertThat(observers.pricedTicks()).extracting(t -> t.cents).containsExactly(7L, 8L);
            assertThat(observers.prices()).containsExactly(new Price("ONE", 7), new Price("TWO", 8));
        }
    }

    @Test
    void jsonDecodesAMessageAndADecodingFailureIsAnExceptionOfThatCallOnly() {
        try (CdiApp app = app(PricesClient.class)) {
            SocketTask prices = app.get(PricesClient.class).prices;
            List<SocketMessageEvent> received = new CopyOnWriteArrayList<>();
            prices.onMessage(received::add);
            CompletableFuture<Object> errors = new CompletableFuture<>();
            prices.onError(errors::complete);

            value(prices.send("[{\"symbol\":\"A\",\"cents\":1},{\"symbol\":\"B\",\"cents\":2}]"));
            value(prices.send("{oops"));
            value(prices.send(ByteBuffer.wrap(new byte[] {1})));
            await().atMost(WAIT).until(() -> received.size() == 3);

            Object list = received.get(0).json(new jakarta.enterprise.util.TypeLiteral<List<Price>>() { }.getType());
            assertThat(list).isEqualTo(List.of(new Price("A", 1), new Price("B", 2)));
            assertThatThrownBy(() -> received.get(1).json(Price.class)).isInstanceOf(jakarta.json.bind.JsonbException.class);
            assertThatThrownBy(() -> received.get(2).json(Price.class)).isInstanceOf(IllegalStateException.class);
            value(prices.send("still open"));
            assertThat(errors).isNotDone();
            assertThat(prices.readyState()).isEqualTo(ReadyState.OPEN);
        }
    }

    @Test
    void theApplicationsJsonbBeanWritesAndReadsTheMessages() {
        try (CdiApp app = app(PricesClient.class, PriceObservers.class, NamingJsonb.class)) {
            SocketTask prices = app.get(PricesClient.class).prices;
            PriceObservers observers = app.get(PriceObservers.class);

            value(prices.send(SendSocketMessageOption.builder().json(new Price("UP", 3)).build()));

            await().atMost(WAIT).until(() -> observers.prices().size() == 1);
            assertThat(observers.untyped()).containsExactly("{\"Cents\":3,\"Symbol\":\"UP\"}");
            assertThat(observers.prices()).containsExactly(new Price("UP", 3));
        }
    }

    /** A bean JSON-B cannot serialize: its getter throws. */
    public static class Unwritable {
        public String getValue() {
            throw new IllegalStateException("cannot be read");
        }
    }

    @Test
    void aValueJsonbCannotSerializeFailsThatSendWithInvalidArgumentAndTheSocketStaysOpen() {
        try (CdiApp app = app(PricesClient.class)) {
            SocketTask prices = app.get(PricesClient.class).prices;
            CompletableFuture<CallbackResult> failed = new CompletableFuture<>();
            CompletableFuture<String> echo = new CompletableFuture<>();
            prices.onMessage(m -> echo.complete(m.text()));

            SocketException e = failure(prices.send(SendSocketMessageOption.builder().json(new Unwritable())
                    .fail(failed::complete).build()));

            assertThat(e.code()).isEqualTo(SocketErrorCode.INVALID_ARGUMENT);
            assertThat(e.result().errMsg()).startsWith("sendSocketMessage:fail parameter error: cannot send "
                    + Unwritable.class.getName() + " as JSON");
            assertThat(value(failed)).isEqualTo(e.result());
            value(prices.sendJson(new Price("OK", 1)));
            assertThat(value(echo)).as("the only message on the wire").isEqualTo("{\"cents\":1,\"symbol\":\"OK\"}");
            assertThat(prices.bufferedAmount()).isZero();
        }
    }

    @Test
    void anAsynchronousTypedObserverFailsTheDeployment() {
        assertThatThrownBy(() -> app(AsyncTypedObserver.class).close())
                .hasMessageContaining("typed observers must be @Observes, not @ObservesAsync")
                .hasMessageContaining(AsyncTypedObserver.class.getName());
    }
}
