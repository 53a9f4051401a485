import Onboarding
import Prometheus
import Synchronization

/// What `/metrics` shows, in Prometheus' text format: requests by route and status, request
/// latency, decisions by outcome, and the policies in force.
public final class ServerMetrics: Sendable {
    /// The registry `/metrics` emits.
    public let registry = PrometheusCollectorRegistry()
    private static let buckets: [Duration] = [
        .microseconds(500), .milliseconds(1), .milliseconds(2), .milliseconds(5), .milliseconds(10),
        .milliseconds(20), .milliseconds(50), .milliseconds(100), .milliseconds(250), .milliseconds(500),
        .seconds(1), .seconds(2.5),
    ]

    /// Creates the metrics.
    public init() {}

    /// Counts one request and records its duration, by route pattern (never the raw path: ids
    /// would make unbounded label values).
    func request(method: String, route: String, status: Int, duration: Duration) {
        registry.makeCounter(
            descriptor: MetricNameDescriptor(
                namespace: "creditgate", metricName: "http_requests", unitName: "total",
                helpText: "HTTP requests by method, route and status"),
            labels: [("method", method), ("route", route), ("status", String(status))]
        ).increment()
        registry.makeDurationHistogram(
            descriptor: MetricNameDescriptor(
                namespace: "creditgate", metricName: "http_request_duration", unitName: "seconds",
                helpText: "HTTP request latency"),
            labels: [("route", route)], buckets: Self.buckets
        ).record(duration)
    }

    /// Counts one recorded decision.
    func decision(outcome: String) {
        registry.makeCounter(
            descriptor: MetricNameDescriptor(
                namespace: "creditgate", metricName: "decisions", unitName: "total",
                helpText: "Decisions recorded, by outcome"),
            labels: [("outcome", outcome)]
        ).increment()
    }

    /// Marks the policies in force (1) and the ones a reload replaced (0).
    func policies(_ set: PolicySet) {
        let labels = Dictionary(
            set.policies.map { live -> (String, [(String, String)]) in
                let labels = [
                    ("id", live.policy.id), ("version", String(live.policy.version)), ("sha256", live.policy.sha256),
                    ("default", String(live.isDefault)),
                ]
                return (labels.map { "\($0.0)=\($0.1)" }.joined(separator: ","), labels)
            }, uniquingKeysWith: { first, _ in first })
        let replaced = shown.withLock { shown in
            defer { shown = labels }
            return shown.filter { labels[$0.key] == nil }.values
        }
        for label in replaced { gauge(label).set(to: 0.0) }
        for label in labels.values { gauge(label).set(to: 1.0) }
    }

    private let shown = Mutex<[String: [(String, String)]]>([:])

    private func gauge(_ labels: [(String, String)]) -> Gauge {
        registry.makeGauge(
            descriptor: MetricNameDescriptor(
                namespace: "creditgate", metricName: "policy_in_force",
                helpText: "1 for each policy in force (id, version, sha256), 0 for one a reload replaced"),
            labels: labels)
    }

    /// The text exposition.
    func emit() -> [UInt8] {
        var buffer: [UInt8] = []
        registry.emit(into: &buffer)
        return buffer
    }
}
