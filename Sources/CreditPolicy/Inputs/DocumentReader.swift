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
    /// The schema as plain data, valid for the duration of `read` (see ``FlatSchema``).
    let nodes: UnsafeBufferPointer<FlatSchema.NodeInfo>
    let fields: UnsafeBufferPointer<FlatSchema.FieldInfo>
    let keys: UnsafeBufferPointer<UInt8>
    /// Errors with the walk order of the field or object they belong to.
    var ordered: [(order: Int, error: InputError)] = []
    /// Which slots were seen (or are covered by an object-level error). Stack memory, valid
    /// for the duration of `read`.
    let settled: UnsafeMutableBufferPointer<Bool>
    /// Keys of the objects being read, innermost last: ASCII keys as byte ranges (the
    /// duplicate check). One buffer for the whole document; each object truncates back on exit.
    var keyRanges: UnsafeMutableBufferPointer<(Int, Int)>
    /// How many entries of `keyRanges` are in use.
    var keyCount = 0
    /// Whether `keyRanges` was moved to the heap (a document with very many keys in flight).
    var keyRangesOnHeap = false
    /// The item fields' values of the list element being read (stack memory, reused).
    let itemScratch: UnsafeMutableBufferPointer<JSONValue?>

    enum Outcome {
        case bound(BoundApplication)
        case invalid(InputErrors)
    }

    /// Reads `bytes` against `schema`. The slots are bound in `storage`'s memory when no one
    /// else holds it (the caller dropped the previous application): a run of applications
    /// then allocates no slots. What `storage` holds afterwards is only scratch.
    static func read(_ bytes: UnsafeBufferPointer<UInt8>, schema: InputSchema, storage: inout [Value]) throws(JSONParser.SyntaxError) -> Outcome {
        // Every slot is assigned on the way to a `.bound` outcome (read or settled as missing),
        // so stale values in reused storage never reach a bound application.
        var slots: [Value] = []
        swap(&slots, &storage)
        if slots.count != schema.fields.count { slots = Array(repeating: .null, count: schema.fields.count) }
        defer { swap(&slots, &storage) }
        let flat = schema.flat
        return try flat.nodes.withUnsafeBufferPointer { (nodes) throws(JSONParser.SyntaxError) -> Outcome in
            try flat.fields.withUnsafeBufferPointer { (fields) throws(JSONParser.SyntaxError) -> Outcome in
                try flat.keyBytes.withUnsafeBufferPointer { (keys) throws(JSONParser.SyntaxError) -> Outcome in
                    // Scratch on the stack: no allocation for the settled flags or the key stack.
                    try withUnsafeTemporaryAllocation(of: Bool.self, capacity: max(1, schema.fields.count)) {
                        (settled) throws(JSONParser.SyntaxError) -> Outcome in
                        try withUnsafeTemporaryAllocation(of: (Int, Int).self, capacity: 64) { (keyRanges) throws(JSONParser.SyntaxError) -> Outcome in
                            try withUnsafeTemporaryAllocation(of: JSONValue?.self, capacity: max(1, flat.maxItemFields)) {
                                (items) throws(JSONParser.SyntaxError) -> Outcome in
                                settled.initialize(repeating: false)
                                items.initialize(repeating: nil)
                                defer { items.deinitialize() }
                                var reader = DocumentReader(
                                    cursor: JSONParser.Cursor(bytes: bytes), binder: InputBinder(slots: []),
                                    schema: schema, nodes: nodes, fields: fields, keys: keys,
                                    settled: settled, keyRanges: keyRanges, itemScratch: items)
                                swap(&reader.binder.slots, &slots)
                                defer {
                                    swap(&reader.binder.slots, &slots)
                                    if reader.keyRangesOnHeap { reader.keyRanges.deallocate() }
                                }
                                return try reader.read()
                            }
                        }
                    }
                }
            }
        }
    }

    mutating func read() throws(JSONParser.SyntaxError) -> Outcome {
        let bytes = cursor.bytes
        cursor.skipWhitespace()
        guard cursor.index < bytes.count, bytes[cursor.index] == UInt8(ascii: "{") else {
            // Not an object: parse it fully for identical syntax errors, then report as the binder does.
            let value = try cursor.parseValue(depth: 0)
            cursor.skipWhitespace()
            if cursor.index < bytes.count { throw cursor.error("unexpected text after the JSON value") }
            switch InputBinder.bind(value, to: schema) {
            case .success(let b): return .bound(b)
            case .failure(let e): return .invalid(e)
            }
        }
        try readObject(0, depth: 1)
        cursor.skipWhitespace()
        if cursor.index < bytes.count { throw cursor.error("unexpected text after the JSON value") }
        settleMissing(0)
        if ordered.isEmpty { return .bound(BoundApplication(slots: binder.slots, schema: ObjectIdentifier(schema.root))) }
        // Stable sort by walk order: the binder's order, field by field.
        let sorted = ordered.enumerated().sorted { ($0.element.order, $0.offset) < ($1.element.order, $1.offset) }
        return .invalid(InputErrors(errors: sorted.map(\.element.error)))
    }

    /// Stores a value that passed its checks.
    @inline(__always)
    mutating func accept(slot: Int, _ value: Value) {
        binder.slots[slot] = value
        settled[slot] = true
    }

    /// Field `index` of the schema, read in place: a `FieldInfo` is a few hundred bytes, and
    /// copying one per member showed in profiles. Valid while `fields` is (during `read`).
    @inline(__always)
    func field(_ index: Int) -> UnsafePointer<FlatSchema.FieldInfo> {
        precondition(index >= 0 && index < fields.count, "a field index from the schema")
        return fields.baseAddress! + index
    }

    /// Runs the binder's full check on field `index` (the slow path, with its messages).
    mutating func check(field index: Int, _ value: JSONValue?) {
        check(schema.flat.fieldRefs[index], value)
    }

    /// Runs a binder check and files its errors under `order`.
    mutating func check(_ field: InputSchema.FieldRule, _ value: JSONValue?) {
        let before = binder.errors.count
        binder.slots[field.slot] = binder.check(field, value, at: .keys(field.keys))
        for e in binder.errors[before...] { ordered.append((field.order, e)) }
        binder.errors.removeAll(keepingCapacity: true)
        settled[field.slot] = true
    }

    /// Required-field errors for declared fields the document never reached.
    mutating func settleMissing(_ node: Int) {
        let info = nodes[node]
        if info.field >= 0 {
            if !settled[fields[info.field].slot] { check(field: info.field, nil) }
            return
        }
        for child in info.firstChild..<(info.firstChild + info.childCount) { settleMissing(child) }
    }

    /// Reads an object whose opening brace is at the cursor. With a `node`, declared children
    /// are bound; with an `item` (an element of a list input), the item fields' values are
    /// collected into `itemScratch`; with neither (an undeclared member), the object is
    /// validated and skipped.
    mutating func readObject(_ node: Int?, item: Int? = nil, depth: Int) throws(JSONParser.SyntaxError) {
        if depth > JSONParser.maxDepth { throw cursor.error("nesting deeper than \(JSONParser.maxDepth) levels") }
        cursor.index += 1
        let base = keyCount
        var texts: [String] = []  // keys that are not plain ASCII (rare)
        var hashed: Set<String> = []  // every key, once the object is large (see isDuplicate)
        defer { keyCount = base }
        if cursor.closesEmpty(UInt8(ascii: "}")) {
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
                    let info = nodes[node]
                    child = match(key, first: info.firstChild, count: info.childCount) { nodes[$0].keyStart..<(nodes[$0].keyStart + nodes[$0].keyCount) }
                } else if let item {
                    child = match(key, first: fields[item].itemsStart, count: fields[item].itemsCount) {
                        fields[$0].keyStart..<(fields[$0].keyStart + fields[$0].keyCount)
                    }
                }
            } else {
                let key = try cursor.parseString()
                if isDuplicate(key, base, texts, &hashed) { throw cursor.error("duplicate member name", at: keyOffset) }
                texts.append(key)
                // Declared names are ASCII; String equality decides for text that was escaped.
                if let node {
                    let info = nodes[node]
                    child = match(key, first: info.firstChild, count: info.childCount) { nodes[$0].keyStart..<(nodes[$0].keyStart + nodes[$0].keyCount) }
                } else if let item {
                    child = match(key, first: fields[item].itemsStart, count: fields[item].itemsCount) {
                        fields[$0].keyStart..<(fields[$0].keyStart + fields[$0].keyCount)
                    }
                }
            }
            cursor.skipWhitespace()
            guard cursor.index < cursor.bytes.count, cursor.bytes[cursor.index] == UInt8(ascii: ":") else { throw cursor.error("expected ':'") }
            cursor.index += 1
            cursor.skipWhitespace()
            if node != nil, let child {
                try readMember(child, depth: depth)
            } else if let item, let child {
                guard cursor.index < cursor.bytes.count else { throw cursor.error("unexpected end of input, expected a value") }
                let k = child - fields[item].itemsStart
                switch cursor.bytes[cursor.index] {
                case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): itemScratch[k] = .number(try cursor.parseNumber())
                case UInt8(ascii: "\""): itemScratch[k] = .string(try cursor.parseString())
                default: itemScratch[k] = try cursor.parseValue(depth: depth)
                }
            } else {
                try skipValue(depth: depth)
            }
            if try cursor.moreElements(closing: UInt8(ascii: "}")) { continue }
            return
        }
    }

    /// Reads a list-of-objects input at the cursor (`[`), with the binder's rules: a list that
    /// is too long reports only that; otherwise a short list is reported first, then each
    /// element's problems in element order and declared-field order.
    mutating func readList(field index: Int, depth: Int) throws(JSONParser.SyntaxError) {
        if depth > JSONParser.maxDepth { throw cursor.error("nesting deeper than \(JSONParser.maxDepth) levels") }
        let field = self.field(index)
        cursor.index += 1
        // Row by row, `itemsCount` values each; in the array the slot held last time when no
        // one else holds it (a run of applications reuses it).
        var records: [Value] = []
        if case .records(_, _, let previous) = binder.slots[field.pointee.slot] {
            binder.slots[field.pointee.slot] = .null
            records = previous
            records.removeAll(keepingCapacity: true)
        }
        var rows = 0
        var itemErrors: [InputError] = []
        var count = 0
        if !cursor.closesEmpty(UInt8(ascii: "]")) {
            while true {
                cursor.skipWhitespace()
                guard cursor.index < cursor.bytes.count else { throw cursor.error("unexpected end of input, expected a value") }
                if cursor.bytes[cursor.index] == UInt8(ascii: "{") {
                    try readItem(field: index, depth: depth + 1)
                    if count < field.pointee.maxItems {
                        if records.isEmpty { records.reserveCapacity(4 * field.pointee.itemsCount) }
                        for k in 0..<field.pointee.itemsCount {
                            // Fast path for a plainly valid number; the binder checks the rest.
                            if case .number(let n)? = itemScratch[k], let accepted = self.field(field.pointee.itemsStart + k).accepts(n) {
                                records.append(.number(accepted))
                                continue
                            }
                            let listRule = schema.flat.fieldRefs[index]
                            let rule = schema.flat.fieldRefs[field.pointee.itemsStart + k]
                            records.append(binder.check(rule, itemScratch[k], at: .item(list: listRule.keys, index: count, field: rule.name)))
                        }
                        if !binder.errors.isEmpty {
                            itemErrors.append(contentsOf: binder.errors)
                            binder.errors.removeAll(keepingCapacity: true)
                        }
                        rows += 1
                    }
                } else if count >= field.pointee.maxItems {
                    try skipValue(depth: depth)  // the list is too long: only its length is reported
                } else {
                    let item = try cursor.parseValue(depth: depth)
                    let location = InputBinder.Location.item(list: schema.flat.fieldRefs[index].keys, index: count, field: nil)
                    itemErrors.append(
                        InputError(pointer: location.pointer, path: location.path, code: .type, message: "must be an object, not \(item.kindName)"))
                }
                count += 1
                if try cursor.moreElements(closing: UInt8(ascii: "]")) { continue }
                break
            }
        }
        settled[field.pointee.slot] = true
        let rule = schema.flat.fieldRefs[index]
        let location = InputBinder.Location.keys(rule.keys)
        if count > field.pointee.maxItems {
            ordered.append(
                (rule.order, InputError(pointer: location.pointer, path: location.path, code: .length, message: "must have at most \(field.pointee.maxItems) elements"))
            )
            binder.slots[field.pointee.slot] = .null
            return
        }
        if let minItems = rule.minItems, count < minItems {
            ordered.append(
                (
                    rule.order,
                    InputError(
                        pointer: location.pointer, path: location.path, code: .length,
                        message: "must have at least \(minItems) element\(minItems == 1 ? "" : "s")")
                ))
        }
        for e in itemErrors { ordered.append((rule.order, e)) }
        binder.slots[field.pointee.slot] = .records(count: rows, width: field.pointee.itemsCount, fields: records)
    }

    /// Reads one element object of a list input into `itemScratch`, by item field.
    mutating func readItem(field index: Int, depth: Int) throws(JSONParser.SyntaxError) {
        // One scratch buffer for every element of the document: cleared, not reallocated.
        for k in 0..<fields[index].itemsCount { itemScratch[k] = nil }
        try readObject(nil, item: index, depth: depth)
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
        if cursor.closesEmpty(UInt8(ascii: "]")) {
            return
        }
        while true {
            cursor.skipWhitespace()
            try skipValue(depth: depth)
            if try cursor.moreElements(closing: UInt8(ascii: "]")) { continue }
            return
        }
    }

    /// Reads the value of declared member `node`.
    mutating func readMember(_ node: Int, depth: Int) throws(JSONParser.SyntaxError) {
        guard cursor.index < cursor.bytes.count else { throw cursor.error("unexpected end of input, expected a value") }
        let c = cursor.bytes[cursor.index]
        let info = nodes[node]
        guard info.field >= 0 else {
            // An object in the declared tree.
            if c == UInt8(ascii: "{") { return try readObject(node, depth: depth + 1) }
            let value = try cursor.parseValue(depth: depth)
            if value == .null { return }  // like an absent object: its fields are reported missing
            let ref = schema.flat.nodeRefs[node]
            let location = InputBinder.Location.keys(ref.keys)
            ordered.append(
                (ref.order, InputError(pointer: location.pointer, path: location.path, code: .type, message: "must be an object, not \(value.kindName)")))
            for slot in ref.slotsBelow { settled[slot] = true }
            return
        }
        let field = self.field(info.field)
        switch c {
        case UInt8(ascii: "[") where field.pointee.kind == .list:
            try readList(field: info.field, depth: depth + 1)
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"):
            let n = try cursor.parseNumber()
            // Fast path: a number that plainly passes; anything else gets the binder's full
            // check (and its exact messages).
            if let accepted = field.accepts(n) {
                accept(slot: field.pointee.slot, .number(accepted))
            } else {
                check(field: info.field, .number(n))
            }
        case UInt8(ascii: "\""):
            let text = try cursor.parseString()
            if field.accepts(textOfLength: text.utf8.count) {
                accept(slot: field.pointee.slot, .string(text))
            } else {
                check(field: info.field, .string(text))
            }
        case UInt8(ascii: "t"), UInt8(ascii: "f"):
            let value = try cursor.parseValue(depth: depth)
            if field.pointee.kind == .boolean, case .bool(let b) = value {
                accept(slot: field.pointee.slot, .bool(b))
            } else {
                check(field: info.field, value)
            }
        default:
            check(field: info.field, try cursor.parseValue(depth: depth))
        }
    }

    /// The index in `first ..< first + count` whose name (a range of `keys`) equals `key`.
    @inline(__always)
    func match(_ key: UnsafeBufferPointer<UInt8>, first: Int, count: Int, name: (Int) -> Range<Int>) -> Int? {
        for i in first..<(first + count) {
            let r = name(i)
            if r.count == key.count && Self.bytesEqual(keys.baseAddress! + r.lowerBound, key.baseAddress!, key.count) { return i }
        }
        return nil
    }

    /// The same for a key that was escaped or is not ASCII: String equality decides.
    func match(_ key: String, first: Int, count: Int, name: (Int) -> Range<Int>) -> Int? {
        for i in first..<(first + count) where String(decoding: UnsafeBufferPointer(rebasing: keys[name(i)]), as: UTF8.self) == key { return i }
        return nil
    }

    /// Whether `count` bytes at `a` and at `b` are equal. Inline word compares: member names
    /// are short, and `memcmp` is a library call that costs more than the comparison.
    @inline(__always)
    static func bytesEqual(_ a: UnsafePointer<UInt8>, _ b: UnsafePointer<UInt8>, _ count: Int) -> Bool {
        let a = UnsafeRawPointer(a)
        let b = UnsafeRawPointer(b)
        if count >= 8 {
            // Whole words, then the last eight bytes (overlapping the previous word).
            var i = 0
            while i < count - 8 {
                if a.loadUnaligned(fromByteOffset: i, as: UInt64.self) != b.loadUnaligned(fromByteOffset: i, as: UInt64.self) { return false }
                i += 8
            }
            return a.loadUnaligned(fromByteOffset: count - 8, as: UInt64.self) == b.loadUnaligned(fromByteOffset: count - 8, as: UInt64.self)
        }
        if count >= 4 {
            return a.loadUnaligned(as: UInt32.self) == b.loadUnaligned(as: UInt32.self)
                && a.loadUnaligned(fromByteOffset: count - 4, as: UInt32.self) == b.loadUnaligned(fromByteOffset: count - 4, as: UInt32.self)
        }
        for i in 0..<count where a.load(fromByteOffset: i, as: UInt8.self) != b.load(fromByteOffset: i, as: UInt8.self) { return false }
        return true
    }

    @inline(__always)
    mutating func pushKey(_ range: Range<Int>) {
        if keyCount == keyRanges.count { growKeyRanges() }
        keyRanges[keyCount] = (range.lowerBound, range.upperBound)
        keyCount += 1
    }

    /// Moves the key stack to a heap buffer twice the size (documents with many keys in flight).
    mutating func growKeyRanges() {
        let bigger = UnsafeMutableBufferPointer<(Int, Int)>.allocate(capacity: keyRanges.count * 2)
        _ = bigger.initialize(from: keyRanges)
        if keyRangesOnHeap { keyRanges.deallocate() }
        keyRanges = bigger
        keyRangesOnHeap = true
    }

    /// Same test as the parser's: keys equal as Swift strings (canonical equivalence). Past
    /// 16 keys the object's keys go into a hash set, so hostile objects stay linear.
    ///
    /// `mutating` only so that `self` is passed by address: called from `readObject` as a
    /// plain method it copied the whole reader once per member.
    @inline(__always)
    mutating func isDuplicate(_ key: UnsafeBufferPointer<UInt8>, _ base: Int, _ texts: [String], _ hashed: inout Set<String>) -> Bool {
        if keyCount - base + texts.count >= 16 { return isDuplicateHashed(key, base, texts, &hashed) }
        let start = cursor.bytes.baseAddress!
        for k in base..<keyCount {
            let (a, b) = keyRanges[k]
            if b - a == key.count && Self.bytesEqual(start + a, key.baseAddress!, key.count) { return true }
        }
        guard !texts.isEmpty else { return false }
        return texts.contains(String(decoding: key, as: UTF8.self))
    }

    /// The large-object case of ``isDuplicate(_:_:_:_:)``.
    mutating func isDuplicateHashed(_ key: UnsafeBufferPointer<UInt8>, _ base: Int, _ texts: [String], _ hashed: inout Set<String>) -> Bool {
        if hashed.isEmpty { fillHashed(base, texts, &hashed) }
        return !hashed.insert(String(decoding: key, as: UTF8.self)).inserted
    }

    /// Puts every key of the object read so far into `hashed`.
    mutating func fillHashed(_ base: Int, _ texts: [String], _ hashed: inout Set<String>) {
        for k in base..<keyCount {
            let (a, b) = keyRanges[k]
            hashed.insert(String(decoding: UnsafeBufferPointer(rebasing: cursor.bytes[a..<b]), as: UTF8.self))
        }
        hashed.formUnion(texts)
    }

    /// The same for a key that was escaped or is not plain ASCII, with the same switch to a
    /// hash set past 16 keys (an object of escaped keys only stays linear too).
    mutating func isDuplicate(_ key: String, _ base: Int, _ texts: [String], _ hashed: inout Set<String>) -> Bool {
        if hashed.isEmpty && keyCount - base + texts.count >= 16 { fillHashed(base, texts, &hashed) }
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
        // Eight bytes at a time: the lowest flagged byte of the word is the first '"', '\\',
        // control character or non-ASCII byte, exactly (see `specialBytes`).
        if let base = bytes.baseAddress {
            while i + 8 <= bytes.count {
                let special = Self.specialBytes(UnsafeRawPointer(base + i).loadUnaligned(as: UInt64.self))
                if special == 0 {
                    i += 8
                    continue
                }
                let end = i + special.trailingZeroBitCount >> 3
                guard base[end] == UInt8(ascii: "\"") else { return nil }
                index = end + 1
                return start..<end
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

    /// The high bit of each byte of `word` (little-endian) that is '"', '\\', below 0x20 or
    /// 0x80 and above. Bits above a flagged byte may be set spuriously (borrows), but the
    /// lowest set bit always marks the first such byte.
    @inline(__always)
    static func specialBytes(_ word: UInt64) -> UInt64 {
        let ones: UInt64 = 0x0101_0101_0101_0101
        let high: UInt64 = 0x8080_8080_8080_8080
        let quote = word ^ (ones &* 0x22)
        let backslash = word ^ (ones &* 0x5C)
        let zeroInQuote = (quote &- ones) & ~quote
        let zeroInBackslash = (backslash &- ones) & ~backslash
        let control = (word &- ones &* 0x20) & ~word
        return (zeroInQuote | zeroInBackslash | control | word) & high
    }
}

extension Policy {
    /// Validates and binds an application from its JSON bytes without building a document tree.
    ///
    /// Equivalent to `JSONParser.parse` followed by ``bind(_:)``, faster.
    /// - Throws: `JSONParser.SyntaxError` when the bytes are not one valid JSON document.
    public func bind(json bytes: UnsafeBufferPointer<UInt8>) throws(JSONParser.SyntaxError) -> Result<BoundApplication, InputErrors> {
        var storage: [Value] = []
        switch try DocumentReader.read(bytes, schema: inputs, storage: &storage) {
        case .bound(let b): return .success(b)
        case .invalid(let e): return .failure(e)
        }
    }

    /// The same as ``bind(json:)``, reusing `buffer`'s memory from one application to the
    /// next: once the previous ``BoundApplication`` is gone, binding allocates nothing for it.
    /// Results are values as ever: an application still held is never overwritten.
    public func bind(json bytes: UnsafeBufferPointer<UInt8>, reusing buffer: inout BindingBuffer) throws(JSONParser.SyntaxError) -> Result<
        BoundApplication, InputErrors
    > {
        switch try DocumentReader.read(bytes, schema: inputs, storage: &buffer.slots) {
        case .bound(let b): return .success(b)
        case .invalid(let e): return .failure(e)
        }
    }
}

/// Memory that ``Policy/bind(json:reusing:)`` keeps between the applications of a run.
public struct BindingBuffer: Sendable {
    var slots: [Value] = []

    /// An empty buffer.
    public init() {}
}
