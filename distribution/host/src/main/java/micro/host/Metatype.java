package micro.host;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;

import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;
import org.xml.sax.SAXException;

/**
 * The Metatype of the micro bundles (their {@code OSGI-INF/metatype/*.xml}), read by the launcher
 * before the framework starts: the defaults, types and choices of every PID key, so the flags that
 * set them take their defaults and their allowed values from the bundles instead of copies.
 */
final class Metatype {

    /** One attribute: its type as Metatype names it (Long, Integer, Boolean, String), default and choices. */
    record Attribute(String type, String defaultValue, List<String> options) {
    }

    private static volatile Metatype embedded;

    private final Map<String, Map<String, Attribute>> byPid;

    private Metatype(Map<String, Map<String, Attribute>> byPid) {
        this.byPid = byPid;
    }

    /** The Metatype of the bundles inside micro.jar (or target/classes), read once. */
    static Metatype embedded() {
        Metatype read = embedded;
        if (read == null) {
            read = of(BundleSource.embedded(name -> name.startsWith("micro.")));
            embedded = read;
        }
        return read;
    }

    static Metatype of(List<BundleSource.Entry> bundles) {
        Map<String, Map<String, Attribute>> byPid = new HashMap<>();
        for (BundleSource.Entry bundle : bundles) {
            try (ZipInputStream jar = new ZipInputStream(new ByteArrayInputStream(bundle.content()))) {
                for (ZipEntry entry = jar.getNextEntry(); entry != null; entry = jar.getNextEntry()) {
                    if (entry.getName().startsWith("OSGI-INF/metatype/") && entry.getName().endsWith(".xml")) {
                        read(jar, byPid);
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read the Metatype of " + bundle.name(), e);
            }
        }
        return new Metatype(byPid);
    }

    /**
     * @throws IllegalStateException when no bundle describes {@code pid}'s {@code key}: the flag table
     *         and the bundles disagree, which is a build error, not a user's
     */
    Attribute attribute(String pid, String key) {
        Attribute attribute = byPid.getOrDefault(pid, Map.of()).get(key);
        if (attribute == null) {
            throw new IllegalStateException("no bundle describes " + pid + " " + key + " in its Metatype");
        }
        return attribute;
    }

    private static void read(InputStream xml, Map<String, Map<String, Attribute>> byPid) throws IOException {
        Document document;
        try {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            factory.setNamespaceAware(false);
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            document = factory.newDocumentBuilder().parse(new ByteArrayInputStream(xml.readAllBytes()));
        } catch (ParserConfigurationException | SAXException e) {
            throw new IOException("not Metatype XML: " + e.getMessage(), e);
        }
        Map<String, Map<String, Attribute>> byOcd = new HashMap<>();
        NodeList ocds = document.getElementsByTagName("OCD");
        for (int i = 0; i < ocds.getLength(); i++) {
            Element ocd = (Element) ocds.item(i);
            Map<String, Attribute> attributes = new HashMap<>();
            NodeList ads = ocd.getElementsByTagName("AD");
            for (int j = 0; j < ads.getLength(); j++) {
                Element ad = (Element) ads.item(j);
                List<String> options = new ArrayList<>();
                NodeList choices = ad.getElementsByTagName("Option");
                for (int k = 0; k < choices.getLength(); k++) {
                    options.add(((Element) choices.item(k)).getAttribute("value"));
                }
                attributes.put(ad.getAttribute("id"), new Attribute(ad.getAttribute("type"), ad.getAttribute("default"),
                        List.copyOf(options)));
            }
            byOcd.put(ocd.getAttribute("id"), attributes);
        }
        NodeList designates = document.getElementsByTagName("Designate");
        for (int i = 0; i < designates.getLength(); i++) {
            Element designate = (Element) designates.item(i);
            NodeList objects = designate.getElementsByTagName("Object");
            if (objects.getLength() > 0) {
                Map<String, Attribute> attributes = byOcd.get(((Element) objects.item(0)).getAttribute("ocdref"));
                if (attributes != null) {
                    byPid.put(designate.getAttribute("pid"), attributes);
                }
            }
        }
    }
}
