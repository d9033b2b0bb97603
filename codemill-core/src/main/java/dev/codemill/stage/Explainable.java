package dev.codemill.stage;

import dev.codemill.model.Document;
import java.util.List;

/**
 * A stage that can list every rule's verdict on a document, passed or failed, with value
 * and limit. {@code codemill explain} prints these.
 */
public interface Explainable {
    List<Check> explain(Document doc);
}
