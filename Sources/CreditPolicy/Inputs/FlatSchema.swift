/// The input schema as plain data, for the JSON reader's hot path: nodes and fields are
/// structs in arrays read through unsafe buffers, so reading an application retains nothing
/// per member. The class-based ``InputSchema/Node`` and ``InputSchema/FieldRule`` remain the
/// source of truth and serve the error paths.
final class FlatSchema: Sendable {
    /// An object or field node. Children are contiguous: `firstChild ..< firstChild + childCount`.
    struct NodeInfo {
        var firstChild = 0
        var childCount = 0
        /// Index into `fields`, or -1 for an object node.
        var field = -1
        /// This node's member name in its parent, in `keyBytes`.
        var keyStart = 0
        var keyCount = 0
    }

    /// A declared field's constraints, as plain data.
    struct FieldInfo {
        var kind: InputField.Kind
        var required: Bool
        var slot: Int
        var hasAllowed: Bool
        var maxLength: Int
        var maxItems: Int
        var minimum: ExactDecimal?
        var maximum: ExactDecimal?
        /// -1 when unconstrained.
        var maxDecimals: Int
        /// A list's item fields: `fields[itemsStart ..< itemsStart + itemsCount]`.
        var itemsStart = 0
        var itemsCount = 0
        /// An item field's name, in `keyBytes`.
        var keyStart = 0
        var keyCount = 0
    }

    let nodes: [NodeInfo]
    let fields: [FieldInfo]
    /// The most item fields any list input has (the reader's per-element scratch size).
    let maxItemFields: Int
    let keyBytes: [UInt8]
    /// The class nodes and rules behind each entry, for error messages.
    let nodeRefs: [InputSchema.Node]
    let fieldRefs: [InputSchema.FieldRule]

    init(root: InputSchema.Node) {
        var nodes = [NodeInfo()]
        var refs = [root]
        var fields: [FieldInfo] = []
        var fieldRefs: [InputSchema.FieldRule] = []
        var keyBytes: [UInt8] = []

        func info(_ rule: InputSchema.FieldRule) -> FieldInfo {
            FieldInfo(
                kind: rule.kind, required: rule.required, slot: rule.slot, hasAllowed: rule.allowed != nil, maxLength: rule.maxLength,
                maxItems: rule.maxItems, minimum: rule.minimum, maximum: rule.maximum, maxDecimals: rule.maxDecimals ?? -1)
        }

        // Breadth first, so that each node's children sit next to each other.
        var next = 0
        while next < nodes.count {
            let node = refs[next]
            if let rule = node.field {
                let index = fields.count
                fields.append(info(rule))
                fieldRefs.append(rule)
                fields[index].itemsStart = fields.count
                fields[index].itemsCount = rule.items.count
                for item in rule.items {
                    var entry = info(item)
                    entry.keyStart = keyBytes.count
                    keyBytes.append(contentsOf: item.name.utf8)
                    entry.keyCount = keyBytes.count - entry.keyStart
                    fields.append(entry)
                    fieldRefs.append(item)
                }
                nodes[next].field = index
            }
            nodes[next].firstChild = nodes.count
            nodes[next].childCount = node.childNodes.count
            for (key, child) in zip(node.childKeys, node.childNodes) {
                let start = keyBytes.count
                keyBytes.append(contentsOf: key.utf8)
                nodes.append(NodeInfo(keyStart: start, keyCount: keyBytes.count - start))
                refs.append(child)
            }
            next += 1
        }
        self.nodes = nodes
        self.fields = fields
        self.maxItemFields = fields.map(\.itemsCount).max() ?? 0
        self.keyBytes = keyBytes
        self.nodeRefs = refs
        self.fieldRefs = fieldRefs
    }
}

// The fast checks read a field in place, through its pointer: as methods of `FieldInfo`
// (a couple of hundred bytes) each call copied the whole struct, which showed in profiles.
extension UnsafePointer<FlatSchema.FieldInfo> {
    /// The number as the binder would store it, when it passes every check without
    /// question; `nil` means "let the binder check it" (and report what is wrong).
    @inline(__always)
    func accepts(_ number: ExactDecimal) -> ExactDecimal? {
        let kind = pointee.kind
        guard kind == .integer || kind == .decimal, !pointee.hasAllowed else { return nil }
        let n = number.normalized
        if kind == .integer && n.scale != 0 { return nil }
        let maxDecimals = pointee.maxDecimals
        if maxDecimals >= 0 && n.scale > maxDecimals { return nil }
        if let minimum = pointee.minimum, ExactDecimal.compare(n, minimum) < 0 { return nil }
        if let maximum = pointee.maximum, ExactDecimal.compare(n, maximum) > 0 { return nil }
        return n
    }

    /// Whether text passes every check without question.
    @inline(__always)
    func accepts(textOfLength utf8Count: Int) -> Bool {
        pointee.kind == .string && !pointee.hasAllowed && utf8Count <= pointee.maxLength  // bytes ≥ code points
    }
}
