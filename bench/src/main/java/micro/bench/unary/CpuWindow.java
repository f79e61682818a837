package micro.bench.unary;

import micro.bench.CpuTime;

/**
 * The CPU time the server process and this caller process spend over the measured period: per call,
 * on two shared cores, it is steadier than calls per second and says which side a change made cheaper.
 */
final class CpuWindow implements ClosedLoop.Window {

    private final ProcessHandle server;
    private final ProcessHandle caller = ProcessHandle.current();
    private double serverAtOpen;
    private double callerAtOpen;
    private double serverSeconds;
    private double callerSeconds;

    CpuWindow(long serverPid) {
        this.server = ProcessHandle.of(serverPid)
                .orElseThrow(() -> new IllegalArgumentException("no process " + serverPid + " to measure"));
    }

    @Override
    public void opened() {
        serverAtOpen = CpuTime.seconds(server);
        callerAtOpen = CpuTime.seconds(caller);
    }

    @Override
    public void closed() {
        serverSeconds = CpuTime.seconds(server) - serverAtOpen;
        callerSeconds = CpuTime.seconds(caller) - callerAtOpen;
    }

    double serverMicrosPer(long calls) {
        return serverSeconds * 1e6 / calls;
    }

    double callerMicrosPer(long calls) {
        return callerSeconds * 1e6 / calls;
    }
}
