package io.tfgrpo.modulefixture.upper;

import io.tfgrpo.modulefixture.ground.Cracked;
import io.tfgrpo.modulefixture.ground.Floor;

/** Package-private, and resting on {@code ground} although this module declares no arrow to it. */
record Roof(Floor floor) {

    boolean holds(Runnable load) {
        try {
            load.run();
            return true;
        }
        catch (Cracked e) {
            return false;
        }
    }
}
