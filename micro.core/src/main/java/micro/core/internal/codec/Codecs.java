package micro.core.internal.codec;

import java.util.Locale;
import java.util.concurrent.CopyOnWriteArrayList;

import micro.api.MicroException;
import micro.api.codec.Codec;

/**
 * The codecs bound at the moment, found by content type; parameters such as {@code ;charset=utf-8}
 * are ignored. Thread safe: binding copies, lookups do not lock.
 */
public final class Codecs {

    private final CopyOnWriteArrayList<Codec> codecs = new CopyOnWriteArrayList<>();

    public void add(Codec codec) {
        codecs.add(codec);
    }

    public void remove(Codec codec) {
        codecs.remove(codec);
    }


    /**
     * The codec of {@code contentType}.
     *
     * @throws MicroException code 400 naming the type and the known ones when none matches
     */
    public Codec get(String contentType) {
        String wanted = baseType(contentType);
        for (Codec codec : codecs) {
            if (codec.contentType().equals(wanted)) {
                return codec;
            }
        }
        throw MicroException.badRequest("micro.codec", "unsupported content type '" + contentType + "'; known: " + known());
    }

    private String known() {
        StringBuilder names = new StringBuilder();
        for (Codec codec : codecs) {
            names.append(names.length() == 0 ? "" : ", ").append(codec.contentType());
        }
        return names.length() == 0 ? "none" : names.toString();
    }

    public static String baseType(String contentType) {
        if (contentType == null || contentType.isBlank()) {
            return JsonCodec.CONTENT_TYPE;
        }
        int semicolon = contentType.indexOf(';');
        String base = semicolon < 0 ? contentType : contentType.substring(0, semicolon);
        return base.trim().toLowerCase(Locale.ROOT);
    }
}
