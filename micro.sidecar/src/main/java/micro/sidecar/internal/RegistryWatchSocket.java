package micro.sidecar.internal;

import micro.api.registry.Registry;
import micro.api.registry.Watch;
import micro.edge.http.TextSocket;

import org.eclipse.jetty.websocket.core.CloseStatus;

/**
 * The WebSocket of {@code GET /registry} (optionally {@code ?service=X}): every registry event as a
 * text message {@code {"action":"create|update|delete","service":{...}}}, in the registry's order. A
 * peer that stops reading is closed (see {@link TextSocket}), not buffered for.
 */
final class RegistryWatchSocket extends TextSocket {

    private static final int MAX_PENDING = 1024;

    private final Registry registry;
    private final String service;
    private volatile Watch watch;

    RegistryWatchSocket(Registry registry, String service, int maxMessageBytes) {
        super(maxMessageBytes, MAX_PENDING);
        this.registry = registry;
        this.service = service == null || service.isBlank() ? null : service;
    }

    @Override
    protected void opened() {
        watch = registry.watch(service, event -> send(SidecarJson.event(event)));
    }

    @Override
    protected void onText(String text) {
        close(CloseStatus.POLICY_VIOLATION, "this socket only sends registry events");
    }

    @Override
    protected void closed() {
        Watch open = watch;
        if (open != null) {
            open.close();
        }
    }
}
