package dev.tarosocket.cli;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A small JSON reader for the CLI's one-line summaries: objects, arrays, strings, numbers, booleans, null. */
final class MiniJson {

    private final String s;
    private int i;

    private MiniJson(String s) {
        this.s = s;
    }

    static Object parse(String json) {
        MiniJson p = new MiniJson(json.trim());
        Object v = p.value();
        if (p.i != p.s.length()) {
            throw new IllegalArgumentException("trailing text at " + p.i + ": " + json);
        }
        return v;
    }

    private Object value() {
        char c = s.charAt(i);
        if (c == '{') {
            Map<String, Object> map = new LinkedHashMap<>();
            i++;
            while (s.charAt(i) != '}') {
                String key = string();
                expect(':');
                map.put(key, value());
                if (s.charAt(i) == ',') {
                    i++;
                }
            }
            i++;
            return map;
        } else if (c == '[') {
            List<Object> list = new ArrayList<>();
            i++;
            while (s.charAt(i) != ']') {
                list.add(value());
                if (s.charAt(i) == ',') {
                    i++;
                }
            }
            i++;
            return list;
        } else if (c == '"') {
            return string();
        } else if (s.startsWith("true", i) || s.startsWith("false", i) || s.startsWith("null", i)) {
            String word = s.startsWith("true", i) ? "true" : s.startsWith("false", i) ? "false" : "null";
            i += word.length();
            return word.equals("null") ? null : Boolean.valueOf(word);
        }
        int start = i;
        while (i < s.length() && "+-0123456789.eE".indexOf(s.charAt(i)) >= 0) {
            i++;
        }
        return Double.parseDouble(s.substring(start, i));
    }

    private String string() {
        expect('"');
        StringBuilder b = new StringBuilder();
        while (s.charAt(i) != '"') {
            char c = s.charAt(i++);
            if (c == '\\') {
                char e = s.charAt(i++);
                b.append(e == 'u' ? (char) Integer.parseInt(s.substring(i, i += 4), 16) : e == 'n' ? '\n' : e);
            } else {
                b.append(c);
            }
        }
        i++;
        return b.toString();
    }

    private void expect(char c) {
        if (s.charAt(i) != c) {
            throw new IllegalArgumentException("expected " + c + " at " + i + ": " + s);
        }
        i++;
    }
}
