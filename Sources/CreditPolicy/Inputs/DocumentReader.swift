/// Validates and binds an application straight from its JSON bytes, guided by the declared
/// inputs: declared fields are read into slots, everything else is checked for syntax and
/// skipped, and no document tree is built.
///
/// It gives exactly what ``JSONParser`` followed by ``InputBinder`` gives — the same syntax
/// errors at the same offsets, the same input errors in the same order — because it uses the
/// same cursor primitives and the same field checks. A differential test holds it to that.
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

struct DocumentReader {
    var cursor: JSONParser.Cursor
    var binder: InputBinder
    let schema: InputSchema
    /// Errors with the walk order of the field or object they belong to.
    var ordered: [(order: Int, error: InputError)] = []
    /// Which slots were seen (or are covered by an object-level error).
    var settled: [Bool]
    /// Keys of the objects being read, innermost last: ASCII keys as byte ranges (the
    /// duplicate check). One buffer for the whole document; each object truncates back on exit.
    var keyRanges: [(Int, Int)] = []
    /// How many entries of `keyRanges` are in use (the buffer only grows).
    var keyCount = 0
    /// Reused for the item fields of each list element.
    var itemScratch: [JSONValue?] = []

    enum Outcome {
        case bound(BoundApplication)
        case invalid(InputErrors)
    }

    static func read(_ bytes: UnsafeBufferPointer<UInt8>, schema: InputSchema) throws(JSONParser.SyntaxError) -> Outcome {
        var reader = DocumentReader(
            cursor: JSONParser.Cursor(bytes: bytes),
            binder: InputBinder(slots: Array(repeating: .null, count: schema.fields.count)),
            schema: schema,
            settled: Array(repeating: false, count: schema.fields.count))
        reader.keyRanges = Array(repeating: (0, 0), count: 32)
        reader.cursor.skipWhitespace()
        guard reader.cursor.index < bytes.count, bytes[reader.cursor.index] == UInt8(ascii: "{") else {
            // Not an object: parse it fully for identical syntax errors, then report as the binder does.
            let value = try reader.cursor.parseValue(depth: 0)
            reader.cursor.skipWhitespace()
            if reader.cursor.index < bytes.count { throw reader.cursor.error("unexpected text after the JSON value") }
            switch InputBinder.bind(value, to: schema) {
            case .success(let b): return .bound(b)
            case .failure(let e): return .invalid(e)
            }
        }
        try reader.readObject(schema.root, depth: 1)
        reader.cursor.skipWhitespace()
        if reader.cursor.index < bytes.count { throw reader.cursor.error("unexpected text after the JSON value") }
        reader.settleMissing(schema.root)
        if reader.ordered.isEmpty { return .bound(BoundApplication(slots: reader.binder.slots, schema: ObjectIdentifier(schema.root))) }
        // Stable sort by walk order: the binder's order, field by field.
        let sorted = reader.ordered.enumerated().sorted { ($0.element.order, $0.offset) < ($1.element.order, $1.offset) }
        return .invalid(InputErrors(errors: sorted.map(\.element.error)))
    }

    /// Runs a binder check and files its errors under `order`.
    mutating func check(_ field: InputSchema.FieldRule, _ value: JSONValue?) {
        let before = binder.errors.count
        binder.slots[field.slot] = binder.check(field, value, at: .keys(field.keys))
        for e in binder.errors[before...] { ordered.append((field.orderKey, e)) }
        binder.errors.removeAll(keepingCapacity: true)
        settled[field.slot] = true
    }

    /// Required-field errors for declared fields the document never reached.
    mutating func settleMissing(_ node: InputSchema.Node) {
        if let field = node.field {
            if !settled[field.slot] { check(field, nil) }
            return
        }
        for child in node.childNodes { settleMissing(child) }
    }

    /// Reads an object whose opening brace is at the cursor. With a `node`, declared children
    /// are bound; with an `item` (an element of a list input), the item fields' values are
    /// collected into `itemScratch`; with neither (an undeclared member), the object is
    /// validated and skipped.
    mutating func readObject(_ node: InputSchema.Node?, item: InputSchema.FieldRule? = nil, depth: Int) throws(JSONParser.SyntaxError) {
        if depth > JSONParser.maxDepth { throw cursor.error("nesting deeper than \(JSONParser.maxDepth) levels") }
        cursor.index += 1
        let base = keyCount
        var texts: [String] = []  // keys that are not plain ASCII (rare)
        var hashed: Set<String> = []  // every key, once the object is large (see isDuplicate)
        defer { keyCount = base }
        cursor.skipWhitespace()
        if cursor.index < cursor.bytes.count && cursor.bytes[cursor.index] == UInt8(ascii: "}") {
            cursor.index += 1
            return
        }
        while true {
            cursor.skipWhitespace()
            guard cursor.index < cursor.bytes.count, cursor.bytes[cursor.index] == UInt8(ascii: "\"") else {
                throw cursor.error("expected a member name in double quotes")
            }
            let keyOffset = cursor.index
            var child: Int? = nil
            if let range = cursor.scanPlainASCIIString() {
                let key = UnsafeBufferPointer(rebasing: cursor.bytes[range])
                if isDuplicate(key, base, texts, &hashed) { throw cursor.error("duplicate member name", at: keyOffset) }
                pushKey(range)
                if let node {
                    child = Self.child(node, matching: key)
                } else if let item {
                    child = item.items.firstIndex { $0.nameBytes.count == key.count && $0.nameBytes.withUnsafeBufferPointer { $0.elementsEqual(key) } }
                }
            } else {
                let key = try cursor.parseString()
                if isDuplicate(key, base, texts, &hashed) { throw cursor.error("duplicate member name", at: keyOffset) }
                texts.append(key)
                child = node?.childKeys.firstIndex(of: key) ?? item?.items.firstIndex { $0.name == key }
            }
            cursor.skipWhitespace()
            guard cursor.index < cursor.bytes.count, cursor.bytes[cursor.index] == UInt8(ascii: ":") else { throw cursor.error("expected ':'") }
            cursor.index += 1
            cursor.skipWhitespace()
            if let node, let child {
                try readMember(node.childNodes[child], depth: depth)
            } else if item != nil, let child {
                guard cursor.index < cursor.bytes.count else { throw cursor.error("unexpected end of input, expected a value") }
                switch cursor.bytes[cursor.index] {
                case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): itemScratch[child] = .number(try cursor.parseNumber())
                case UInt8(ascii: "\""): itemScratch[child] = .string(try cursor.parseString())
                default: itemScratch[child] = try cursor.parseValue(depth: depth)
                }
            } else {
                try skipValue(depth: depth)
            }
            cursor.skipWhitespace()
            guard cursor.index < cursor.bytes.count else { throw cursor.error("unexpected end of input in an object") }
            if cursor.bytes[cursor.index] == UInt8(ascii: ",") {
                cursor.index += 1
                continue
            }
            if cursor.bytes[cursor.index] == UInt8(ascii: "}") {
                cursor.index += 1
                return
            }
            throw cursor.error("expected ',' or '}'")
        }
    }

    /// Reads a list-of-objects input at the cursor (`[`), with the binder's rules: a list that
    /// is too long reports only that; otherwise a short list is reported first, then each
    /// element's problems in element order and declared-field order.
    mutating func readList(_ field: InputSchema.FieldRule, depth: Int) throws(JSONParser.SyntaxError) {
        if depth > JSONParser.maxDepth { throw cursor.error("nesting deeper than \(JSONParser.maxDepth) levels") }
        cursor.index += 1
        var records: [Value] = []
        var itemErrors: [InputError] = []
        var count = 0
        cursor.skipWhitespace()
        if cursor.index < cursor.bytes.count && cursor.bytes[cursor.index] == UInt8(ascii: "]") {
            cursor.index += 1
        } else {
            while true {
                cursor.skipWhitespace()
                guard cursor.index < cursor.bytes.count else { throw cursor.error("unexpected end of input, expected a value") }
                if cursor.bytes[cursor.index] == UInt8(ascii: "{") {
                    let values = try readItem(field, depth: depth + 1)
                    if count < field.maxItems {
                        var fields: [Value] = []
                        fields.reserveCapacity(field.items.count)
                        for (k, sub) in field.items.enumerated() {
                            fields.append(binder.check(sub, values[k], at: .item(list: field.keys, index: count, field: sub.name)))
                        }
                        itemErrors.append(contentsOf: binder.errors)
                        binder.errors.removeAll(keepingCapacity: true)
                        records.append(.record(fields))
                    }
                } else if count >= field.maxItems {
                    try skipValue(depth: depth)  // the list is too long: only its length is reported
                } else {
                    let item = try cursor.parseValue(depth: depth)
                    itemErrors.append(InputError(pointer: InputBinder.Location.item(list: field.keys, index: count, field: nil).pointer,
                                                 path: InputBinder.Location.item(list: field.keys, index: count, field: nil).path,
                                                 code: .type, message: "must be an object, not \(item.kindName)"))
                }
                count += 1
                cursor.skipWhitespace()
                guard cursor.index < cursor.bytes.count else { throw cursor.error("unexpected end of input in an array") }
                if cursor.bytes[cursor.index] == UInt8(ascii: ",") {
                    cursor.index += 1
                    continue
                }
                if cursor.bytes[cursor.index] == UInt8(ascii: "]") {
                    cursor.index += 1
                    break
                }
                throw cursor.error("expected ',' or ']'")
            }
        }
        settled[field.slot] = true
        let location = InputBinder.Location.keys(field.keys)
        if count > field.maxItems {
            ordered.append((field.order, InputError(pointer: location.pointer, path: location.path, code: .length, message: "must have at most \(field.maxItems) elements")))
            binder.slots[field.slot] = .null
            return
        }
        if let minItems = field.minItems, count < minItems {
            ordered.append((field.order, InputError(pointer: location.pointer, path: location.path, code: .length,
                                                    message: "must have at least \(minItems) element\(minItems == 1 ? "" : "s")")))
        }
        for e in itemErrors { ordered.append((field.order, e)) }
        binder.slots[field.slot] = .list(records)
    }

    /// Reads one element object of a list input: the declared item fields' values, by index.
    mutating func readItem(_ field: InputSchema.FieldRule, depth: Int) throws(JSONParser.SyntaxError) -> [JSONValue?] {
        // One scratch array for every element of the document: cleared, not reallocated.
        if itemScratch.count != field.items.count {
            itemScratch = [JSONValue?](repeating: nil, count: field.items.count)
        } else {
            for k in itemScratch.indices { itemScratch[k] = nil }
        }
        try readObject(nil, item: field, depth: depth)
        return itemScratch
    }

    /// Validates a value exactly as the parser would, without building it.
    mutating func skipValue(depth: Int) throws(JSONParser.SyntaxError) {
        guard cursor.index < cursor.bytes.count else { throw cursor.error("unexpected end of input, expected a value") }
        switch cursor.bytes[cursor.index] {
        case UInt8(ascii: "{"):
            try readObject(nil, depth: depth + 1)
        case UInt8(ascii: "["):
            try skipArray(depth: depth + 1)
        case UInt8(ascii: "\""):
            if cursor.scanPlainASCIIString() == nil { _ = try cursor.parseString() }
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"):
            _ = try cursor.parseNumber()
        default:
            _ = try cursor.parseValue(depth: depth)  // literals and errors, as the parser reports them
        }
    }

    mutating func skipArray(depth: Int) throws(JSONParser.SyntaxError) {
        if depth > JSONParser.maxDepth { throw cursor.error("nesting deeper than \(JSONParser.maxDepth) levels") }
        cursor.index += 1
        cursor.skipWhitespace()
        if cursor.index < cursor.bytes.count && cursor.bytes[cursor.index] == UInt8(ascii: "]") {
            cursor.index += 1
            return
        }
        while true {
            cursor.skipWhitespace()
            try skipValue(depth: depth)
            cursor.skipWhitespace()
            guard cursor.index < cursor.bytes.count else { throw cursor.error("unexpected end of input in an array") }
            if cursor.bytes[cursor.index] == UInt8(ascii: ",") {
                cursor.index += 1
                continue
            }
            if cursor.bytes[cursor.index] == UInt8(ascii: "]") {
                cursor.index += 1
                return
            }
            throw cursor.error("expected ',' or ']'")
        }
    }

    /// Reads the value of a declared member.
    mutating func readMember(_ node: InputSchema.Node, depth: Int) throws(JSONParser.SyntaxError) {
        guard cursor.index < cursor.bytes.count else { throw cursor.error("unexpected end of input, expected a value") }
        let c = cursor.bytes[cursor.index]
        guard let field = node.field else {
            // An object in the declared tree.
            if c == UInt8(ascii: "{") { return try readObject(node, depth: depth + 1) }
            let value = try cursor.parseValue(depth: depth)
            if value == .null { return }  // like an absent object: its fields are reported missing
            ordered.append((node.order, InputError(pointer: InputBinder.Location.keys(node.keys).pointer, path: InputBinder.Location.keys(node.keys).path,
                                                   code: .type, message: "must be an object, not \(value.kindName)")))
            for slot in node.slotsBelow { settled[slot] = true }
            return
        }
        switch c {
        case UInt8(ascii: "[") where field.kind == .list:
            try readList(field, depth: depth + 1)
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"):
            let n = try cursor.parseNumber()
            // Fast path: a number that plainly passes; anything else gets the binder's full
            // check (and its exact messages).
            if let accepted = field.accepts(n) {
                binder.slots[field.slot] = .number(accepted)
                settled[field.slot] = true
            } else {
                check(field, .number(n))
            }
        case UInt8(ascii: "\""):
            let text = try cursor.parseString()
            if field.kind == .string, field.allowed == nil, text.utf8.count <= field.maxLength {  // bytes ≥ code points
                binder.slots[field.slot] = .string(text)
                settled[field.slot] = true
            } else {
                check(field, .string(text))
            }
        case UInt8(ascii: "t"), UInt8(ascii: "f"):
            let value = try cursor.parseValue(depth: depth)
            if field.kind == .boolean, case .bool(let b) = value {
                binder.slots[field.slot] = .bool(b)
                settled[field.slot] = true
            } else {
                check(field, value)
            }
        default:
            check(field, try cursor.parseValue(depth: depth))
        }
    }

    static func child(_ node: InputSchema.Node, matching key: UnsafeBufferPointer<UInt8>) -> Int? {
        node.childKeyData.withUnsafeBufferPointer { data in
            node.childKeyRanges.withUnsafeBufferPointer { ranges in
                for i in 0..<ranges.count where ranges[i].count == key.count {
                    if memcmp(data.baseAddress! + ranges[i].lowerBound, key.baseAddress!, key.count) == 0 { return i }
                }
                return nil
            }
        }
    }

    @inline(__always)
    mutating func pushKey(_ range: Range<Int>) {
        if keyCount == keyRanges.count { keyRanges.append(contentsOf: Array(repeating: (0, 0), count: keyRanges.count)) }
        keyRanges[keyCount] = (range.lowerBound, range.upperBound)
        keyCount += 1
    }

    /// Same test as the parser's: keys equal as Swift strings (canonical equivalence). Past
    /// 16 keys the object's keys go into a hash set, so hostile objects stay linear.
    func isDuplicate(_ key: UnsafeBufferPointer<UInt8>, _ base: Int, _ texts: [String], _ hashed: inout Set<String>) -> Bool {
        if keyCount - base + texts.count >= 16 {
            if hashed.isEmpty {
                for k in base..<keyCount {
                    let (a, b) = keyRanges[k]
                    hashed.insert(String(decoding: UnsafeBufferPointer(rebasing: cursor.bytes[a..<b]), as: UTF8.self))
                }
                hashed.formUnion(texts)
            }
            return !hashed.insert(String(decoding: key, as: UTF8.self)).inserted
        }
        let start = cursor.bytes.baseAddress!
        for k in base..<keyCount {
            let (a, b) = keyRanges[k]
            if b - a == key.count && memcmp(start + a, key.baseAddress!, key.count) == 0 { return true }
        }
        guard !texts.isEmpty else { return false }
        return texts.contains(String(decoding: key, as: UTF8.self))
    }

    func isDuplicate(_ key: String, _ base: Int, _ texts: [String], _ hashed: inout Set<String>) -> Bool {
        if !hashed.isEmpty { return !hashed.insert(key).inserted }
        if texts.contains(key) { return true }
        for k in base..<keyCount {
            let (a, b) = keyRanges[k]
            if String(decoding: UnsafeBufferPointer(rebasing: cursor.bytes[a..<b]), as: UTF8.self) == key { return true }
        }
        return false
    }
}

extension JSONParser.Cursor {
    /// If the string at the cursor is plain ASCII with no escapes, consumes it and returns the
    /// range of its contents; otherwise leaves the cursor where it was and returns `nil`, so
    /// that `parseString` reads (or rejects) it.
    mutating func scanPlainASCIIString() -> Range<Int>? {
        let start = index + 1
        var i = start
        // Eight bytes at a time while none is '"', '\\', a control character or non-ASCII.
        if let base = bytes.baseAddress {
            let high: UInt64 = 0x8080_8080_8080_8080
            while i + 8 <= bytes.count {
                let word = UnsafeRawPointer(base + i).loadUnaligned(as: UInt64.self)
                if word & high != 0 || JSONWriter.mayNeedEscape(word) { break }
                i += 8
            }
        }
        while i < bytes.count {
            let c = bytes[i]
            if c == UInt8(ascii: "\"") {
                index = i + 1
                return start..<i
            }
            if c < 0x20 || c >= 0x80 || c == UInt8(ascii: "\\") { return nil }
            i += 1
        }
        return nil
    }
}

extension InputSchema.FieldRule {
    /// Walk order of the field (its node's order).
    var orderKey: Int { order }
}

extension Policy {
    /// Validates and binds an application from its JSON bytes without building a document tree.
    ///
    /// Equivalent to `JSONParser.parse` followed by ``bind(_:)``, faster.
    /// - Throws: `JSONParser.SyntaxError` when the bytes are not one valid JSON document.
    public func bind(json bytes: UnsafeBufferPointer<UInt8>) throws(JSONParser.SyntaxError) -> Result<BoundApplication, InputErrors> {
        switch try DocumentReader.read(bytes, schema: inputs) {
        case .bound(let b): return .success(b)
        case .invalid(let e): return .failure(e)
        }
    }
}
