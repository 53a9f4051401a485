import ArgumentParser
import CreditgateClient
import Foundation

/// `creditgate webhooks`: subscriptions, tests, dead letters — through the API with an admin key.
struct WebhooksCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "webhooks",
        abstract: "Manage webhook subscriptions (admin key): add, list, remove, rotate-secret, test, dead-letters, redeliver.",
        discussion: """
            Events are delivered from the outbox, signed as Standard Webhooks (webhook-id, \
            webhook-timestamp, webhook-signature), retried with backoff and dead-lettered after \
            the maximum age. See README "Webhooks" for how a receiver verifies and de-duplicates.

              creditgate webhooks add --target https://crm.example.com/hooks --event decision.made --event review.decided
              creditgate webhooks test whk_1f2e
              creditgate webhooks dead-letters
            """,
        subcommands: [Add.self, List.self, Remove.self, RotateSecret.self, Test.self, DeadLettersList.self, Redeliver.self])

    struct Add: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Subscribe a URL to events; prints the signing secret once (only sealed copies are stored).")
        @OptionGroup var officer: OfficerOptions
        @Option(name: .customLong("target"), help: "Where deliveries are POSTed (http:// or https://).") var target: String
        @Option(name: .customLong("event"), help: "An event type to receive (repeat for more).") var events: [String]
        @Option(help: "A note for people.") var description: String?

        func run() async throws {
            let answer = try await officer.withClient { client in
                try await client.addWebhook(url: target, events: events, description: description)
            }
            officer.print(answer) { subscription in
                [
                    "added \(subscription.webhookId) → \(subscription.url) (\(subscription.events.joined(separator: ", ")))",
                    "secret (shown once; give it to the receiver): \(subscription.secret ?? "-")",
                ]
            }
        }
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List subscriptions and delivery counts (never secrets).")
        @OptionGroup var officer: OfficerOptions

        func run() async throws {
            let answer = try await officer.withClient { client in try await client.webhooks() }
            officer.print(answer) { list in
                let table = TextTable(
                    [.init("ID"), .init("URL"), .init("EVENTS"), .init("STATE")],
                    rows: list.webhooks.map { subscription in
                        [
                            subscription.webhookId, subscription.url, subscription.events.joined(separator: ","),
                            subscription.removedAt == nil ? "active" : "removed",
                        ]
                    })
                var lines = table.lines(header: { officer.style.bold($0) })
                if list.webhooks.isEmpty { lines = ["no subscriptions yet: creditgate webhooks add --target URL --event decision.made"] }
                let counts = list.deliveries
                lines.append("")
                lines.append(
                    "deliveries: \(counts["pending", default: 0]) pending · \(counts["delivered", default: 0]) delivered · \(counts["dead", default: 0]) dead")
                return lines
            }
        }
    }

    struct Remove: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Remove a subscription; what it had pending becomes dead letters.")
        @OptionGroup var officer: OfficerOptions
        @Argument(help: "The subscription's id (whk_…).") var id: String

        func run() async throws {
            let answer = try await officer.withClient { client in try await client.removeWebhook(id: id) }
            officer.print(answer, line: "removed \(id)")
        }
    }

    struct RotateSecret: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Issue a new secret; deliveries carry signatures with the new and the previous one until the next rotation.")
        @OptionGroup var officer: OfficerOptions
        @Argument(help: "The subscription's id (whk_…).") var id: String

        func run() async throws {
            let answer = try await officer.withClient { client in try await client.rotateWebhookSecret(id: id) }
            officer.print(answer, line: "new secret for \(id) (shown once): \(answer.value.secret)")
        }
    }

    struct Test: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Send a webhook.test event to one subscription and wait (up to --wait seconds) for the outcome.")
        @OptionGroup var officer: OfficerOptions
        @Argument(help: "The subscription's id (whk_…).") var id: String
        @Option(help: "Seconds to wait for the delivery's outcome.") var wait: Int = 15

        func run() async throws {
            let queued = try await officer.withClient { client in try await client.testWebhook(id: id) }
            if officer.json {
                OfficerOutput.raw(queued.body)
                return
            }
            let eventID = queued.value.eventId
            let deadline = Date().addingTimeInterval(TimeInterval(wait))
            // Until the relay fans the event out, the delivery does not exist yet (404): keep asking.
            let last: WebhookDeliveryState? = try await officer.withClient { client in
                var last: WebhookDeliveryState?
                while Date() < deadline {
                    last = try? await client.webhookDelivery(id: id, eventID: eventID).value
                    if let state = last?.status, state != "pending" { break }
                    try? await Task.sleep(for: .milliseconds(500))
                }
                return last
            }
            switch last?.status {
            case "delivered":
                OfficerOutput.out("delivered \(eventID) to \(id) after \(last?.attempts ?? 1) attempt(s)")
            case let status?:
                OfficerOutput.out(
                    "\(eventID) to \(id): \(status) after \(last?.attempts ?? 0) attempt(s)\(last?.lastError.map { " — last error: \($0)" } ?? "")")
                throw ExitCode(1)
            case nil:
                OfficerOutput.out("\(eventID) queued for \(id); no outcome yet (is the relay running?)")
                throw ExitCode(1)
            }
        }
    }

    struct DeadLettersList: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "dead-letters", abstract: "List deliveries that were given up on.")
        @OptionGroup var officer: OfficerOptions
        @Option(help: "At most this many (1–1000).") var limit: Int = 100

        func run() async throws {
            let answer = try await officer.withClient { client in try await client.deadLetters(limit: limit) }
            officer.print(answer) { dead in
                guard !dead.deadLetters.isEmpty else { return ["no dead letters"] }
                return dead.deadLetters.map {
                    "\($0.webhookId)  \($0.eventId)  \($0.type)  \($0.attempts) attempt(s)  \($0.lastError ?? "")"
                } + ["", "redeliver one: creditgate webhooks redeliver WEBHOOK_ID EVENT_ID"]
            }
        }
    }

    struct Redeliver: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Put a dead-lettered delivery back in the queue (in its customer's order).")
        @OptionGroup var officer: OfficerOptions
        @Argument(help: "The subscription's id (whk_…).") var id: String
        @Argument(help: "The event's id (evt_…).") var eventID: String

        func run() async throws {
            let answer = try await officer.withClient { client in try await client.redeliver(id: id, eventID: eventID) }
            officer.print(answer, line: "queued \(eventID) for \(id) again")
        }
    }
}
