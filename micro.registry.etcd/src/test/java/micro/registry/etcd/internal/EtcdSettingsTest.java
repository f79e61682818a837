package micro.registry.etcd.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;

class EtcdSettingsTest {

    @Test
    void endpointsGetASchemeAndBadValuesKeepTheirDefaults() {
        EtcdSettings settings = EtcdSettings.of("10.0.0.1:2379, https://10.0.0.2:2379/", "micro", "", "", false, 750);
        assertEquals(List.of("http://10.0.0.1:2379", "https://10.0.0.2:2379"), settings.endpoints());
        assertEquals("micro/", settings.prefix());
        assertEquals(Duration.ofMillis(750), settings.timeout());

        EtcdSettings typos = EtcdSettings.of(" , ", "", null, null, false, -1);
        assertEquals(List.of("http://127.0.0.1:2379"), typos.endpoints(), "no endpoint: the Metatype default, logged");
        assertEquals(Duration.ofMillis(5000), typos.timeout());
        assertEquals("/micro/registry/", typos.prefix());
    }
}
