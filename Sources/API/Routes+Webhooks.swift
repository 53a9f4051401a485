import HTTPTypes
import Hummingbird
import Onboarding
import Store

/// Admins' routes for webhook subscriptions.
extension Routes {
    func registerWebhookRoutes(on router: Router<CreditgateRequestContext>) {
        router.post("/v1/webhooks") { request, context in
            let key = try context.require(.admin)
            var request = request
            let body = Array(try await request.collectBody(upTo: Self.maxBodySize).readableBytesView)
            return json(.created, try await onboarding.createWebhook(body: body, actor: "key:\(key.id)"))
        }
        router.get("/v1/webhooks") { _, context in
            try context.require(.admin)
            return json(.ok, try await onboarding.webhooksJSON())
        }
        router.delete("/v1/webhooks/:id") { _, context in
            let key = try context.require(.admin)
            try await onboarding.removeWebhook(id: try context.parameters.require("id"), actor: "key:\(key.id)")
            return Response(status: .noContent)
        }
        router.post("/v1/webhooks/:id/rotate-secret") { _, context in
            let key = try context.require(.admin)
            return json(
                .ok,
                try await onboarding.rotateWebhookSecret(id: try context.parameters.require("id"), actor: "key:\(key.id)"))
        }
        router.post("/v1/webhooks/:id/test") { _, context in
            let key = try context.require(.admin)
            return json(
                .accepted, try await onboarding.testWebhook(id: try context.parameters.require("id"), actor: "key:\(key.id)"))
        }
        router.get("/v1/webhooks/dead-letters") { request, context in
            try context.require(.admin)
            var limit = 100
            if let text = request.uri.queryParameters.get("limit") {
                guard let n = Int(text), (1...1_000).contains(n) else {
                    throw Self.invalidParameters([.init(pointer: "/limit", detail: "must be a whole number from 1 to 1000")])
                }
                limit = n
            }
            return json(.ok, try await onboarding.deadLettersJSON(limit: limit))
        }
        router.get("/v1/webhooks/:id/deliveries/:event_id") { _, context in
            try context.require(.admin)
            return json(
                .ok,
                try await onboarding.deliveryJSON(
                    subscriptionID: try context.parameters.require("id"),
                    eventID: try context.parameters.require("event_id")))
        }
        router.post("/v1/webhooks/:id/deliveries/:event_id/redeliver") { _, context in
            let key = try context.require(.admin)
            try await onboarding.redeliver(
                subscriptionID: try context.parameters.require("id"), eventID: try context.parameters.require("event_id"),
                actor: "key:\(key.id)")
            return Response(status: .accepted)
        }
    }
}
