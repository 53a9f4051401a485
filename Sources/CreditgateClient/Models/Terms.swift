/// Payment terms: `{"code": "NET60", "net_days": 60, "deposit_pct": "0"}`.
public struct Terms: Codable, Hashable, Sendable {
    /// The terms code from the policy, e.g. `NET60`.
    public var code: String
    /// Days until an invoice is due.
    public var netDays: Int?
    /// Deposit required, in percent.
    public var depositPct: DecimalText?

    /// Creates terms.
    public init(code: String, netDays: Int? = nil, depositPct: DecimalText? = nil) {
        self.code = code
        self.netDays = netDays
        self.depositPct = depositPct
    }

    enum CodingKeys: String, CodingKey {
        case code
        case netDays = "net_days"
        case depositPct = "deposit_pct"
    }
}
