import Foundation

/// A customer: the credit profile as a block, then the applications as a table.
public enum CustomerSheet {
    /// The sheet's lines.
    public static func lines(_ customer: Customer, now: Date, style: TerminalStyle) -> [String] {
        var out = [style.bold("\(customer.legalName) (\(customer.crmID)) · \(customer.customerID)")]
        let credit = customer.creditProfile
        var block = TextTable([.init(""), .init("")], showsHeader: false, indent: "  ")
        block.append(["status", StatusLabel.credit(credit.status, style: style)])
        block.append(["limit", MoneyText.format(credit.limit)])
        block.append([
            "terms",
            credit.termsCode.map { ReviewCaseFile.termsText(code: $0, netDays: credit.netDays, depositPct: credit.depositPct) }
                ?? "-",
        ])
        block.append(["tier", credit.tier ?? "-"])
        block.append(["next review", credit.nextReviewDate ?? "-"])
        block.append(["version", String(customer.version)])
        var company: [String] = []
        if let registration = customer.registrationNumber { company.append("registration \(registration)") }
        if let country = customer.country { company.append(country) }
        if let email = customer.contactEmail { company.append(email) }
        if !company.isEmpty { block.append(["company", company.joined(separator: " · ")]) }
        out += block.lines()

        out += ["", style.bold("Applications")]
        guard !customer.applications.isEmpty else {
            out.append("  none")
            return out
        }
        var table = TextTable(
            [
                .init("ID"), .init("RECEIVED"), .init("STATUS"), .init("LAST DECISION"), .init("LIMIT", .right),
                .init("REVIEW"),
            ], indent: "  ")
        for application in customer.applications {
            let last = application.decisions.last
            var review = "-"
            if let summary = application.review {
                review = "\(summary.reviewID) \(StatusLabel.review(summary.status, style: style))"
            }
            table.append([
                application.applicationID,
                RelativeTime.stamp(application.receivedAt),
                StatusLabel.application(application.status, style: style),
                last.map { "\(StatusLabel.outcome($0.outcome, style: style)) by \($0.madeBy)" } ?? "-",
                MoneyText.format(last?.limit),
                review,
            ])
        }
        out += table.lines(header: style.bold)
        return out
    }
}
