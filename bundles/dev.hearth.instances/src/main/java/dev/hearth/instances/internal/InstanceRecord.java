package dev.hearth.instances.internal;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.hearth.instances.Instance;

/**
 * Everything the registry keeps of one instance, persisted together in its {@code instance.json}
 * so that a change of any part is one atomic write: the instance, the settings attributes that
 * are not fields of the instance, and the revision of the settings.
 *
 * @param extraSettings settings attributes besides locale, email, public name and timezone; never
 *     changed once in a record (a change makes a new record)
 */
record InstanceRecord(Instance instance, ObjectNode extraSettings, String settingsRev) {

    InstanceRecord withInstance(Instance updated) {
        return new InstanceRecord(updated, extraSettings, settingsRev);
    }

    String domain() {
        return instance.domain();
    }
}
