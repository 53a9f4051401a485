import CreditgateClient
import Testing

@Suite struct TextTableTests {
    @Test func columnsAreAsWideAsTheirWidestCellAndNumbersAlignRight() {
        let table = TextTable(
            [.init("ID"), .init("CUSTOMER"), .init("PROPOSED", .right), .init("DUE")],
            rows: [
                ["rev_1", "Acme Ltd", "150,000.00 EUR", "due in 2h 5m"],
                ["rev_22", "Bo AB", "9.00 EUR", "overdue 35m"],
            ])
        #expect(
            table.lines() == [
                "ID      CUSTOMER        PROPOSED  DUE",
                "rev_1   Acme Ltd  150,000.00 EUR  due in 2h 5m",
                "rev_22  Bo AB           9.00 EUR  overdue 35m",
            ])
    }

    @Test func wideCharactersCountTwoColumnsAndColourCountsNone() {
        let style = TerminalStyle(enabled: true)
        let table = TextTable(
            [.init("NAME"), .init("N", .right)],
            rows: [["株式会社", "1"], [style.red("Acme"), "22"], ["Café", "3"]])
        let lines = table.lines().map(DisplayWidth.stripANSI)
        #expect(lines == ["NAME       N", "株式会社   1", "Acme      22", "Café       3"])
        #expect(DisplayWidth.of("株式会社") == 8)
        #expect(DisplayWidth.of("e\u{301}") == 1)
        #expect(DisplayWidth.of(style.red("overdue")) == 7)
    }

    @Test func noTrailingBlanksAndShortRowsArePadded() {
        let table = TextTable([.init("A"), .init("B")], rows: [["x"], ["longer", ""]], showsHeader: false, indent: "  ")
        #expect(table.lines() == ["  x", "  longer"])
    }

    @Test func truncateCutsByDisplayWidth() {
        #expect(DisplayWidth.truncate("Acme Holdings International Ltd", to: 10) == "Acme Hold…")
        #expect(DisplayWidth.truncate("Acme", to: 10) == "Acme")
        #expect(DisplayWidth.truncate("株式会社株式会社", to: 5) == "株式…")
    }
}
