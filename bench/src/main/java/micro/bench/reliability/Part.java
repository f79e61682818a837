package micro.bench.reliability;

import java.util.List;

/** One set-up of the scenario (which hosts, which registry) and the windows measured on it. */
record Part(String title, String setup, List<Window.Result> windows) {
}
