/// An application checked against a policy's declared inputs, its values in slots.
public struct BoundApplication: Sendable {
    let slots: [Value]
}

/// Validates an application document against declared inputs and binds the values.
struct InputBinder {
    let schema: InputSchema
    var errors: [InputError] = []
    var slots: [Value]

    init(schema: InputSchema) {
        self.schema = schema
        self.slots = Array(repeating: .null, count: schema.fields.count)
    }

    static func bind(_ document: JSONValue, to schema: InputSchema) -> Result<BoundApplication, InputErrors> {
        var binder = InputBinder(schema: schema)
        guard case .object = document else {
            return .failure(InputErrors(errors: [InputError(pointer: "", path: "$", code: .type, message: "the application must be a JSON object")]))
        }
        binder.walk(schema.root, document, pointer: "", path: "$")
        if binder.errors.isEmpty { return .success(BoundApplication(slots: binder.slots)) }
        return .failure(InputErrors(errors: binder.errors))
    }

    static func escape(_ key: String) -> String {
        guard key.contains("~") || key.contains("/") else { return key }
        return key.replacing("~", with: "~0").replacing("/", with: "~1")
    }

    mutating func walk(_ node: InputSchema.Node, _ value: JSONValue?, pointer: String, path: String) {
        switch node {
        case .field(let index):
            let field = schema.fields[index]
            slots[index] = check(field, value, pointer: pointer, path: path)
        case .object(let children):
            var members: [JSONValue.Member] = []
            if let value {
                switch value {
                case .object(let m): members = m
                case .null: break
                default:
                    errors.append(InputError(pointer: pointer, path: path, code: .type, message: "must be an object, not \(value.kindName)"))
                    return
                }
            }
            for (key, child) in children {
                var found: JSONValue?
                for m in members where m.key == key {
                    found = m.value
                    break
                }
                walk(child, found, pointer: pointer + "/" + Self.escape(key), path: path + "." + key)
            }
        }
    }

    mutating func check(_ field: InputField, _ value: JSONValue?, pointer: String, path: String) -> Value {
        guard let value, value != .null else {
            if field.required {
                errors.append(InputError(pointer: pointer, path: path, code: .required, message: value == nil ? "is required" : "is required and must not be null"))
            }
            return .null
        }
        switch field.kind {
        case .string:
            guard case .string(let s) = value else {
                errors.append(InputError(pointer: pointer, path: path, code: .type, message: "must be a string, not \(value.kindName)"))
                return .null
            }
            let limit = field.maxLength ?? InputField.defaultMaxLength
            if s.count > limit {
                errors.append(InputError(pointer: pointer, path: path, code: .length, message: "must be at most \(limit) characters"))
                return .null
            }
            if let allowed = field.allowed, !allowed.contains(value) {
                errors.append(InputError(pointer: pointer, path: path, code: .notAllowed, message: "must be one of \(allowed.map(\.displayText).joined(separator: ", "))"))
                return .null
            }
            return .string(s)
        case .boolean:
            guard case .bool(let b) = value else {
                errors.append(InputError(pointer: pointer, path: path, code: .type, message: "must be true or false, not \(value.kindName)"))
                return .null
            }
            return .bool(b)
        case .integer, .decimal:
            var number: ExactDecimal
            switch value {
            case .number(let n):
                number = n
            case .string(let s):
                // Amounts are often sent as decimal strings to keep them exact; accept those.
                guard let n = ExactDecimal(s), !s.contains("e"), !s.contains("E"), !s.contains("_") else {
                    errors.append(InputError(pointer: pointer, path: path, code: .type, message: "must be a number (or a decimal string like \"12.50\")"))
                    return .null
                }
                number = n
            default:
                errors.append(InputError(pointer: pointer, path: path, code: .type, message: "must be a number, not \(value.kindName)"))
                return .null
            }
            let before = errors.count
            if field.kind == .integer && !number.isInteger {
                errors.append(InputError(pointer: pointer, path: path, code: .precision, message: "must be a whole number"))
            }
            if let max = field.maxDecimals, number.significantScale > max {
                errors.append(InputError(pointer: pointer, path: path, code: .precision, message: "must have at most \(max) decimal place\(max == 1 ? "" : "s")"))
            }
            if let min = field.minimum, number < min {
                errors.append(InputError(pointer: pointer, path: path, code: .minimum, message: "must be at least \(min)"))
            }
            if let max = field.maximum, number > max {
                errors.append(InputError(pointer: pointer, path: path, code: .maximum, message: "must be at most \(max)"))
            }
            if let allowed = field.allowed, !allowed.contains(where: { if case .number(let a) = $0 { return a == number } else { return false } }) {
                errors.append(InputError(pointer: pointer, path: path, code: .notAllowed, message: "must be one of \(allowed.map(\.displayText).joined(separator: ", "))"))
            }
            if errors.count != before { return .null }
            number = number.normalized
            return .number(number)
        case .list:
            guard case .array(let items) = value else {
                errors.append(InputError(pointer: pointer, path: path, code: .type, message: "must be an array, not \(value.kindName)"))
                return .null
            }
            let maxItems = field.maxItems ?? InputField.defaultMaxItems
            if items.count > maxItems {
                errors.append(InputError(pointer: pointer, path: path, code: .length, message: "must have at most \(maxItems) elements"))
                return .null
            }
            if let minItems = field.minItems, items.count < minItems {
                errors.append(InputError(pointer: pointer, path: path, code: .length, message: "must have at least \(minItems) element\(minItems == 1 ? "" : "s")"))
            }
            var records: [Value] = []
            records.reserveCapacity(items.count)
            for (i, item) in items.enumerated() {
                let itemPointer = "\(pointer)/\(i)"
                let itemPath = "\(path)[\(i)]"
                guard case .object(let members) = item else {
                    errors.append(InputError(pointer: itemPointer, path: itemPath, code: .type, message: "must be an object, not \(item.kindName)"))
                    continue
                }
                var fields: [Value] = []
                fields.reserveCapacity(field.items.count)
                for sub in field.items {
                    var found: JSONValue?
                    for m in members where m.key == sub.path {
                        found = m.value
                        break
                    }
                    fields.append(check(sub, found, pointer: itemPointer + "/" + Self.escape(sub.path), path: itemPath + "." + sub.path))
                }
                records.append(.record(fields))
            }
            return .list(records)
        }
    }
}
