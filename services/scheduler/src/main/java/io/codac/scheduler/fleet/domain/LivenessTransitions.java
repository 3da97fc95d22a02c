package io.codac.scheduler.fleet.domain;

import java.util.List;

/**
 * What changed in the fleet's liveness since the previous look: servers that died (their unstarted work moves,
 * once per death) and servers that came back from the dead (they are ramped into use). A server that died and
 * came back between two looks is in both lists.
 */
public record LivenessTransitions(List<String> died, List<String> cameBack) {

    public LivenessTransitions {
        died = List.copyOf(died);
        cameBack = List.copyOf(cameBack);
    }

    public boolean isEmpty() {
        return died.isEmpty() && cameBack.isEmpty();
    }
}
