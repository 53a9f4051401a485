/// An application checked against a policy's declared inputs, its values in slots.
public struct BoundApplication: Sendable {
    let slots: [Value]
    /// The input schema that bound it: only its own policy may evaluate it.
    let schema: ObjectIdentifier
}

/// Validates an application document against declared inputs and binds the values.
struct InputBinder {
    var errors: [InputError] = []
    var slots: [Value]

    static func bind(_ document: JSONValue, to schema: InputSchema) -> Result<BoundApplication, InputErrors> {
        guard case .object = document else {
            return .failure(InputErrors(errors: [InputError(pointer: "", path: "$", code: .type, message: "the application must be a JSON object")]))
        }
        var binder = InputBinder(slots: Array(repeating: .null, count: schema.fields.count))
        binder.walk(schema.root, document)
        if binder.errors.isEmpty { return .success(BoundApplication(slots: binder.slots, schema: ObjectIdentifier(schema.root))) }
        return .failure(InputErrors(errors: binder.errors))
    }

    /// The value of member `key`; compares lengths before contents (most keys differ in length).
    @inline(__always)
    static func member(_ key: String, in members: [JSONValue.Member]) -> JSONValue? {
        let length = key.utf8.count
        return members.withUnsafeBufferPointer { buffer in
            for i in 0..<buffer.count where buffer[i].key.utf8.count == length && buffer[i].key == key {
                return buffer[i].value
            }
            return nil
        }
    }

    /// `-?[0-9]+(\.[0-9]+)?`: the decimal strings accepted for number inputs.
    static func isDecimalText(_ s: String) -> Bool {
        var bytes = s.utf8[...]
        if bytes.first == UInt8(ascii: "-") { bytes = bytes.dropFirst() }
        let whole = bytes.prefix { $0 >= 48 && $0 <= 57 }
        guard !whole.isEmpty else { return false }
        bytes = bytes.dropFirst(whole.count)
        guard let dot = bytes.first else { return true }
        guard dot == UInt8(ascii: "."), bytes.count > 1 else { return false }
        return bytes.dropFirst().allSatisfy { $0 >= 48 && $0 <= 57 }
    }

    static func escape(_ key: String) -> String {
        guard key.contains("~") || key.contains("/") else { return key }
        return key.replacing("~", with: "~0").replacing("/", with: "~1")
    }

    /// Where a value sits, turned into text only when there is an error to report.
    enum Location {
        case keys([String])
        case item(list: [String], index: Int, field: String?)

        var pointer: String {
            switch self {
            case .keys(let keys): return keys.map { "/" + InputBinder.escape($0) }.joined()
            case .item(let list, let index, let field):
                return list.map { "/" + InputBinder.escape($0) }.joined() + "/\(index)" + (field.map { "/" + InputBinder.escape($0) } ?? "")
            }
        }

        var path: String {
            switch self {
            case .keys(let keys): return "$" + keys.map { "." + $0 }.joined()
            case .item(let list, let index, let field):
                return "$" + list.map { "." + $0 }.joined() + "[\(index)]" + (field.map { "." + $0 } ?? "")
            }
        }
    }

    mutating func fail(_ location: Location, _ code: InputError.Code, _ message: String) {
        errors.append(InputError(pointer: location.pointer, path: location.path, code: code, message: message))
    }

    mutating func walk(_ node: InputSchema.Node, _ value: JSONValue?) {
        if let field = node.field {
            slots[field.slot] = check(field, value, at: .keys(field.keys))
            return
        }
        var members: [JSONValue.Member] = []
        if let value {
            switch value {
            case .object(let m): members = m
            case .null: break
            default:
                fail(.keys(node.keys), .type, "must be an object, not \(value.kindName)")
                return
            }
        }
        for i in node.childKeys.indices {
            walk(node.childNodes[i], Self.member(node.childKeys[i], in: members))
        }
    }

    mutating func check(_ field: InputSchema.FieldRule, _ value: JSONValue?, at location: @autoclosure () -> Location) -> Value {
        guard let value else {
            if field.required { fail(location(), .required, "is required") }
            return .null
        }
        switch (field.kind, value) {
        case (_, .null):
            if field.required { fail(location(), .required, "is required and must not be null") }
            return .null
        case (.string, .string(let s)):
            // Code points, as JSON Schema counts them (not grapheme clusters, which a string of
            // combining marks could stretch without bound).
            if s.utf8.count > field.maxLength && s.unicodeScalars.count > field.maxLength {
                fail(location(), .length, "must be at most \(field.maxLength) characters")
                return .null
            }
            if let allowed = field.allowed, !allowed.contains(value) {
                fail(location(), .notAllowed, "must be one of \(allowed.map(\.displayText).joined(separator: ", "))")
                return .null
            }
            return .string(s)
        case (.string, _):
            fail(location(), .type, "must be a string, not \(value.kindName)")
            return .null
        case (.boolean, .bool(let b)):
            return .bool(b)
        case (.boolean, _):
            fail(location(), .type, "must be true or false, not \(value.kindName)")
            return .null
        case (.integer, _), (.decimal, _):
            var number: ExactDecimal
            switch value {
            case .number(let n):
                number = n
            case .string(let s):
                // Amounts are often sent as decimal strings to keep them exact; accept those,
                // written as a JSON number without exponent: -?digits(.digits)?
                guard Self.isDecimalText(s), let n = ExactDecimal(s) else {
                    fail(location(), .type, "must be a number (or a decimal string like \"12.50\")")
                    return .null
                }
                number = n
            default:
                fail(location(), .type, "must be a number, not \(value.kindName)")
                return .null
            }
            let before = errors.count
            number = number.normalized
            if field.kind == .integer && number.scale != 0 {
                fail(location(), .precision, "must be a whole number")
            }
            if let max = field.maxDecimals, number.scale > max {
                fail(location(), .precision, "must have at most \(max) decimal place\(max == 1 ? "" : "s")")
            }
            if let min = field.minimum, number < min {
                fail(location(), .minimum, "must be at least \(min)")
            }
            if let max = field.maximum, number > max {
                fail(location(), .maximum, "must be at most \(max)")
            }
            if let allowed = field.allowed, !allowed.contains(where: { if case .number(let a) = $0 { return a == number } else { return false } }) {
                fail(location(), .notAllowed, "must be one of \(allowed.map(\.displayText).joined(separator: ", "))")
            }
            if errors.count != before { return .null }
            return .number(number)
        case (.list, .array(let items)):
            if items.count > field.maxItems {
                fail(location(), .length, "must have at most \(field.maxItems) elements")
                return .null
            }
            if let minItems = field.minItems, items.count < minItems {
                fail(location(), .length, "must have at least \(minItems) element\(minItems == 1 ? "" : "s")")
            }
            var fields: [Value] = []
            fields.reserveCapacity(items.count * field.items.count)
            var count = 0
            for (i, item) in items.enumerated() {
                guard case .object(let members) = item else {
                    fail(.item(list: field.keys, index: i, field: nil), .type, "must be an object, not \(item.kindName)")
                    continue
                }
                for sub in field.items {
                    fields.append(check(sub, Self.member(sub.name, in: members), at: .item(list: field.keys, index: i, field: sub.name)))
                }
                count += 1
            }
            return .records(count: count, width: field.items.count, fields: fields)
        case (.list, _):
            fail(location(), .type, "must be an array, not \(value.kindName)")
            return .null
        }
    }
}
