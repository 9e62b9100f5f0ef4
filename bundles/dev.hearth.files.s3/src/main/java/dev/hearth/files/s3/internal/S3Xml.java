package dev.hearth.files.s3.internal;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

/**
 * Reads the small XML documents S3 answers with. Each is turned into a list of records, one per
 * element of a given name, holding the text of that element's direct children; DTDs and external
 * entities are refused.
 */
final class S3Xml {
    private static final XMLInputFactory FACTORY = factory();

    private S3Xml() {}

    private static XMLInputFactory factory() {
        XMLInputFactory f = XMLInputFactory.newFactory();
        f.setProperty(XMLInputFactory.SUPPORT_DTD, false);
        f.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
        f.setProperty(XMLInputFactory.IS_NAMESPACE_AWARE, false);
        return f;
    }

    /** The children texts of every {@code element} (at any depth), in document order. */
    static List<Map<String, String>> records(byte[] xml, String element) throws IOException {
        List<Map<String, String>> out = new ArrayList<>();
        try {
            XMLStreamReader r = FACTORY.createXMLStreamReader(new ByteArrayInputStream(xml));
            Map<String, String> current = null;
            String child = null;
            StringBuilder text = new StringBuilder();
            int depth = 0;
            while (r.hasNext()) {
                int event = r.next();
                if (event == XMLStreamConstants.START_ELEMENT) {
                    if (current == null && r.getLocalName().equals(element)) {
                        current = new HashMap<>();
                        depth = 0;
                    } else if (current != null && ++depth == 1) {
                        child = r.getLocalName();
                        text.setLength(0);
                    }
                } else if ((event == XMLStreamConstants.CHARACTERS || event == XMLStreamConstants.CDATA)
                        && current != null
                        && depth == 1) {
                    text.append(r.getText());
                } else if (event == XMLStreamConstants.END_ELEMENT && current != null) {
                    if (depth == 0) {
                        out.add(current);
                        current = null;
                    } else if (depth-- == 1) {
                        current.put(child, text.toString());
                    }
                }
            }
            r.close();
        } catch (XMLStreamException e) {
            throw new IOException("Unreadable S3 answer: " + e.getMessage(), e);
        }
        return out;
    }

    /** The text of the first {@code name} child of the root element, or {@code ""}. */
    static String field(byte[] xml, String root, String name) throws IOException {
        List<Map<String, String>> found = records(xml, root);
        return found.isEmpty() ? "" : found.get(0).getOrDefault(name, "");
    }

    /** Escapes text for an XML element body. */
    static String escape(String text) {
        return text.replace("&", "&amp;")
                .replace("<", "&lt;")
                .replace(">", "&gt;")
                .replace("\"", "&quot;");
    }
}
