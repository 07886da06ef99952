package io.presence.stream;

import java.util.List;

/**
 * Where one user's state lives: its partition, the instance whose active task owns it and those that keep warm copies
 * (standbys), as the group's assignment says now.
 */
public record KeyPlacement(String userId, int partition, Instance active, List<Instance> standbys) {
    public KeyPlacement {
        standbys = List.copyOf(standbys);
    }
}
