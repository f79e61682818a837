package micro.codec.protobuf.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;

import com.google.protobuf.Struct;
import com.google.protobuf.Timestamp;
import com.google.protobuf.Value;

import micro.api.MicroException;

import org.junit.jupiter.api.Test;

class ProtobufCodecTest {

    private final ProtobufCodec codec = new ProtobufCodec();

    @Test
    void generatedMessagesRoundTrip() {
        Struct struct = Struct.newBuilder().putFields("name", Value.newBuilder().setStringValue("John").build())
                .putFields("age", Value.newBuilder().setNumberValue(42).build()).build();
        assertEquals(struct, codec.decode(codec.encode(struct), Struct.class));
        Timestamp at = Timestamp.newBuilder().setSeconds(1_700_000_000L).setNanos(5).build();
        assertEquals(at, codec.decode(codec.encode(at), Timestamp.class));
    }

    @Test
    void anEmptyBodyIsTheDefaultMessageAndNothingIsTheEmptyMessage() {
        assertEquals(Timestamp.getDefaultInstance(), codec.decode(new byte[0], Timestamp.class));
        assertArrayEquals(new byte[0], codec.encode(Map.of()));
    }

    @Test
    void typesWithoutAProtobufFormAreRefusedClearly() {
        MicroException in = assertThrows(MicroException.class, () -> codec.decode(new byte[0], String.class));
        assertEquals(415, in.code());
        assertTrue(in.detail().contains("java.lang.String"), in.detail());
        MicroException out = assertThrows(MicroException.class, () -> codec.encode("text"));
        assertEquals(500, out.code());
        assertTrue(out.detail().contains("protoc-generated"), out.detail());
    }

    @Test
    void malformedBytesAreA400NamingTheType() {
        MicroException malformed = assertThrows(MicroException.class, () -> codec.decode(new byte[] { 0x0a, 0x7f, 'x' }, Struct.class));
        assertEquals(400, malformed.code());
        assertTrue(malformed.detail().startsWith("malformed Struct in protobuf"), malformed.detail());
    }
}
