import CreditgateClient
import Testing

@Suite struct MoneyTextTests {
    @Test(arguments: [
        ("150000.00", "150,000.00"), ("26000.00", "26,000.00"), ("999.99", "999.99"), ("1000", "1,000"),
        ("0", "0"), ("-1234567.5", "-1,234,567.5"), ("100000000.00", "100,000,000.00"), ("abc", "abc"),
        ("1.2.3", "1.2.3"),
    ])
    func groupsThousands(amount: String, text: String) {
        #expect(MoneyText.group(amount) == text)
    }

    @Test func formatsWithCurrency() {
        #expect(MoneyText.format(Amount(amount: "150000.00", currency: "EUR")) == "150,000.00 EUR")
        #expect(MoneyText.format(nil as Amount?) == "-")
    }

    @Test(arguments: [(0.6667, "66.7%"), (0.1667, "16.7%"), (0.3125, "31.3%"), (0, "0.0%"), (1, "100.0%"), (0.2222, "22.2%")])
    func percentages(rate: Double, text: String) {
        #expect(MoneyText.percent(rate) == text)
    }

    @Test(arguments: [
        ("120000", "120000"), ("120,000.00", "120000.00"), ("120_000.5", "120000.5"), (" 7 ", "7"),
    ])
    func parsesTypedAmounts(typed: String, amount: String) {
        #expect(MoneyText.parseAmount(typed) == amount)
    }

    @Test(arguments: ["", "-5", "1e5", "12.", ".5", "EUR 5", "1.2.3"])
    func refusesWhatIsNotAnAmount(typed: String) {
        #expect(MoneyText.parseAmount(typed) == nil)
    }
}
