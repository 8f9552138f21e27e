package protocol

// Loading of testdata/metaModel.json and the reflection-based comparison of
// Go types with meta model types. The registries and allowlists that drive
// it are in protocol_test.go.

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"reflect"
	"sort"
	"strings"
	"testing"
)

type metaModel struct {
	Requests      []metaMessage   `json:"requests"`
	Notifications []metaMessage   `json:"notifications"`
	Structures    []metaStructure `json:"structures"`
	Enumerations  []metaEnum      `json:"enumerations"`
	TypeAliases   []metaAlias     `json:"typeAliases"`

	structs map[string]*metaStructure
	enums   map[string]*metaEnum
	aliases map[string]*metaAlias
}

type metaMessage struct {
	Method           string    `json:"method"`
	TypeName         string    `json:"typeName"`
	MessageDirection string    `json:"messageDirection"`
	Params           *metaType `json:"params"`
	Result           *metaType `json:"result"`
	Proposed         bool      `json:"proposed"`
}

type metaType struct {
	Kind    string          `json:"kind"`
	Name    string          `json:"name"`
	Element *metaType       `json:"element"`
	Key     *metaType       `json:"key"`
	Items   []*metaType     `json:"items"`
	Value   json.RawMessage `json:"value"` // map value type, literal body or literal value
}

type metaProperty struct {
	Name     string   `json:"name"`
	Type     metaType `json:"type"`
	Optional bool     `json:"optional"`
	Proposed bool     `json:"proposed"`
	Since    string   `json:"since"`
}

type metaStructure struct {
	Name       string         `json:"name"`
	Properties []metaProperty `json:"properties"`
	Extends    []metaType     `json:"extends"`
	Mixins     []metaType     `json:"mixins"`
	Proposed   bool           `json:"proposed"`
}

type metaEnum struct {
	Name   string   `json:"name"`
	Type   metaType `json:"type"`
	Values []struct {
		Name     string          `json:"name"`
		Value    json.RawMessage `json:"value"`
		Proposed bool            `json:"proposed"`
		Since    string          `json:"since"`
	} `json:"values"`
	SupportsCustomValues bool `json:"supportsCustomValues"`
	Proposed             bool `json:"proposed"`
}

type metaAlias struct {
	Name string   `json:"name"`
	Type metaType `json:"type"`
}

func loadMetaModel(t *testing.T) *metaModel {
	t.Helper()
	data, err := os.ReadFile("testdata/metaModel.json")
	if err != nil {
		t.Fatal(err)
	}
	m := new(metaModel)
	if err := json.Unmarshal(data, m); err != nil {
		t.Fatalf("decoding metaModel.json: %v", err)
	}
	m.structs = make(map[string]*metaStructure)
	m.enums = make(map[string]*metaEnum)
	m.aliases = make(map[string]*metaAlias)
	for i := range m.Structures {
		m.structs[m.Structures[i].Name] = &m.Structures[i]
	}
	for i := range m.Enumerations {
		m.enums[m.Enumerations[i].Name] = &m.Enumerations[i]
	}
	for i := range m.TypeAliases {
		m.aliases[m.TypeAliases[i].Name] = &m.TypeAliases[i]
	}
	if len(m.structs) < 300 || m.structs["InitializeParams"] == nil {
		t.Fatalf("metaModel.json looks wrong: %d structures", len(m.structs))
	}
	return m
}

// desc is a short description of a meta type, used in messages and to name
// the alternative kept by a narrowing.
func desc(mt *metaType) string {
	switch mt.Kind {
	case "base", "reference":
		return mt.Kind + ":" + mt.Name
	case "array":
		return desc(mt.Element) + "[]"
	case "map":
		var v metaType
		_ = json.Unmarshal(mt.Value, &v)
		return "map[" + desc(mt.Key) + "]" + desc(&v)
	case "or":
		var s []string
		for _, it := range mt.Items {
			s = append(s, desc(it))
		}
		return "(" + strings.Join(s, " | ") + ")"
	case "stringLiteral":
		return "stringLiteral:" + string(mt.Value)
	}
	return mt.Kind
}

// metaProp is a property together with the structure that declares it.
type metaProp struct {
	metaProperty
	owner string
}

// properties returns the properties of the structure or or-of-structures
// type alias name, including those inherited through extends and mixins.
// For an or-type alias the Go struct merges the alternatives: a property
// is required only if every alternative requires it.
func (m *metaModel) properties(name string) (map[string]metaProp, error) {
	if a := m.aliases[name]; a != nil && a.Type.Kind == "or" {
		merged := make(map[string]metaProp)
		count := make(map[string]int)
		for _, it := range a.Type.Items {
			if it.Kind != "reference" {
				return nil, fmt.Errorf("alias %s: alternative %s is not a structure", name, desc(it))
			}
			props, err := m.properties(it.Name)
			if err != nil {
				return nil, err
			}
			for n, p := range props {
				count[n]++
				if old, ok := merged[n]; ok {
					p.Optional = p.Optional || old.Optional
				}
				merged[n] = p
			}
		}
		for n, p := range merged {
			if count[n] < len(a.Type.Items) {
				p.Optional = true
				merged[n] = p
			}
		}
		return merged, nil
	}
	s := m.structs[name]
	if s == nil {
		return nil, fmt.Errorf("no structure %q in metaModel.json", name)
	}
	props := make(map[string]metaProp)
	for _, parents := range [][]metaType{s.Extends, s.Mixins} {
		for _, p := range parents {
			if p.Kind != "reference" {
				return nil, fmt.Errorf("%s: unsupported parent %s", name, desc(&p))
			}
			inherited, err := m.properties(p.Name)
			if err != nil {
				return nil, err
			}
			for n, ip := range inherited {
				props[n] = ip
			}
		}
	}
	for _, p := range s.Properties {
		props[p.Name] = metaProp{p, name}
	}
	return props, nil
}

// goField is one JSON-encoded field of a Go struct.
type goField struct {
	goName    string
	jsonName  string
	omitempty bool
	typ       reflect.Type
}

// jsonFields lists the fields encoding/json encodes for t, flattening
// untagged embedded structs. Every exported field must have a json tag.
func jsonFields(t reflect.Type) ([]goField, error) {
	var fields []goField
	for i := 0; i < t.NumField(); i++ {
		f := t.Field(i)
		if !f.IsExported() {
			continue
		}
		tag, ok := f.Tag.Lookup("json")
		if !ok && f.Anonymous && f.Type.Kind() == reflect.Struct {
			inner, err := jsonFields(f.Type)
			if err != nil {
				return nil, err
			}
			fields = append(fields, inner...)
			continue
		}
		if !ok {
			return nil, fmt.Errorf("%s.%s has no json tag", t.Name(), f.Name)
		}
		name, opts, _ := strings.Cut(tag, ",")
		if name == "-" && opts == "" {
			continue
		}
		if name == "" {
			return nil, fmt.Errorf("%s.%s: json tag without a name", t.Name(), f.Name)
		}
		fields = append(fields, goField{
			goName:    f.Name,
			jsonName:  name,
			omitempty: strings.Contains(","+opts+",", ",omitempty,"),
			typ:       f.Type,
		})
	}
	return fields, nil
}

var rawMessageType = reflect.TypeOf(json.RawMessage(nil))

// predeclared maps a kind to its predeclared Go type.
var predeclared = map[reflect.Kind]reflect.Type{
	reflect.String:  reflect.TypeOf(""),
	reflect.Int32:   reflect.TypeOf(int32(0)),
	reflect.Uint32:  reflect.TypeOf(uint32(0)),
	reflect.Float64: reflect.TypeOf(float64(0)),
	reflect.Bool:    reflect.TypeOf(false),
}

// nilable reports whether the zero value of t encodes as JSON null.
func nilable(t reflect.Type) bool {
	switch t.Kind() {
	case reflect.Pointer, reflect.Slice, reflect.Map, reflect.Interface:
		return true
	}
	return false
}

// checker compares Go types with meta types and records which allowlist
// entries were used.
type checker struct {
	m    *metaModel
	errs []string
	used map[string]bool
}

func (c *checker) errorf(format string, args ...any) {
	c.errs = append(c.errs, fmt.Sprintf(format, args...))
}

// compat checks that the Go type t can represent the meta type mt. key
// ("Structure.property" or "result:method") names the place for
// allowlist lookups and messages.
func (c *checker) compat(key string, t reflect.Type, mt *metaType) {
	switch mt.Kind {
	case "base":
		want, ok := baseTypes[mt.Name]
		if !ok {
			c.errorf("%s: unsupported base type %s", key, mt.Name)
		} else if t != want {
			c.errorf("%s: Go type %v for %s, want %v", key, t, desc(mt), want)
		}
	case "reference":
		c.compatReference(key, t, mt)
	case "array":
		if t.Kind() != reflect.Slice || t == rawMessageType {
			c.errorf("%s: Go type %v for %s, want a slice", key, t, desc(mt))
			return
		}
		c.compat(key, t.Elem(), mt.Element)
	case "map":
		if t.Kind() != reflect.Map {
			c.errorf("%s: Go type %v for %s, want a map", key, t, desc(mt))
			return
		}
		var v metaType
		if err := json.Unmarshal(mt.Value, &v); err != nil {
			c.errorf("%s: bad map value type: %v", key, err)
			return
		}
		c.compat(key, t.Key(), mt.Key)
		c.compat(key, t.Elem(), &v)
	case "or":
		c.compatOr(key, t, mt)
	case "literal":
		var body struct {
			Properties []metaProperty `json:"properties"`
		}
		if err := json.Unmarshal(mt.Value, &body); err != nil || t.Kind() != reflect.Struct {
			c.errorf("%s: Go type %v for an object literal, want a struct", key, t)
			return
		}
		props := make(map[string]metaProp)
		for _, p := range body.Properties {
			props[p.Name] = metaProp{p, key}
		}
		c.checkStruct(t, key, props)
	case "stringLiteral":
		if t != reflect.TypeOf("") {
			c.errorf("%s: Go type %v for %s, want string", key, t, desc(mt))
		}
	default:
		c.errorf("%s: unsupported meta type kind %s", key, mt.Kind)
	}
}

func (c *checker) compatReference(key string, t reflect.Type, mt *metaType) {
	name := mt.Name
	if s := c.m.structs[name]; s != nil {
		if s.Proposed {
			c.errorf("%s: structure %s is proposed, not part of the specification", key, name)
		}
		if got, ok := structNames[t]; !ok || got != name {
			c.errorf("%s: Go type %v for %s, want the registered struct for %s", key, t, desc(mt), name)
		}
		return
	}
	if e := c.m.enums[name]; e != nil {
		if t == reflect.TypeOf("") && e.Type.Name == "string" && e.SupportsCustomValues && plainStringEnums[key] != "" {
			c.used["string:"+key] = true
			return
		}
		if got, ok := enumNames[t]; !ok || got != name {
			c.errorf("%s: Go type %v for %s, want the registered enumeration type", key, t, desc(mt))
		}
		return
	}
	if a := c.m.aliases[name]; a != nil {
		if name == "LSPAny" {
			if t != rawMessageType {
				c.errorf("%s: Go type %v for LSPAny, want json.RawMessage", key, t)
			}
			return
		}
		if got, ok := structNames[t]; ok && got == name {
			return // a struct registered for an or-of-structures alias
		}
		c.compat(key, t, &a.Type)
		return
	}
	c.errorf("%s: reference to unknown type %s", key, name)
}

func (c *checker) compatOr(key string, t reflect.Type, mt *metaType) {
	var items []*metaType
	hasNull := false
	for _, it := range mt.Items {
		if it.Kind == "base" && it.Name == "null" {
			hasNull = true
		} else {
			items = append(items, it)
		}
	}
	if hasNull {
		switch {
		case t.Kind() == reflect.Pointer:
			t = t.Elem() // nil is null
		case nilable(t):
			// nil slice, map or RawMessage is null
		case nullNarrowings[key] != "":
			c.used["null:"+key] = true
		default:
			c.errorf("%s: Go type %v cannot hold null of %s; use a pointer or list it in nullNarrowings", key, t, desc(mt))
			return
		}
	}
	if len(items) == 1 {
		c.compat(key, t, items[0])
		return
	}
	if alts, ok := orTypes[t]; ok {
		var have []string
		for _, it := range items {
			have = append(have, desc(it))
		}
		sort.Strings(have)
		if strings.Join(have, " | ") != strings.Join(alts, " | ") {
			c.errorf("%s: %v represents %v, not %s", key, t, alts, desc(mt))
		}
		return
	}
	n, ok := narrowings[key]
	if !ok {
		c.errorf("%s: Go type %v for or-type %s: not narrowed in the allowlist", key, t, desc(mt))
		return
	}
	c.used[key] = true
	for _, it := range items {
		if desc(it) != n.keep {
			continue
		}
		if n.goType != nil {
			if t != n.goType {
				c.errorf("%s: Go type %v, allowlist says %v", key, t, n.goType)
			}
			// The named type must have the kept alternative's representation.
			if basic := predeclared[n.goType.Kind()]; basic == nil {
				c.errorf("%s: allowlisted Go type %v is not a named basic type", key, n.goType)
			} else {
				c.compat(key, basic, it)
			}
			return
		}
		c.compat(key, t, it)
		return
	}
	c.errorf("%s: narrowing keeps %s, which is not an alternative of %s", key, n.keep, desc(mt))
}

// checkStruct checks the fields of the Go struct t against the meta
// properties props of the structure named owner.
func (c *checker) checkStruct(t reflect.Type, owner string, props map[string]metaProp) {
	fields, err := jsonFields(t)
	if err != nil {
		c.errorf("%v", err)
		return
	}
	seen := make(map[string]bool)
	for _, f := range fields {
		key := owner + "." + f.jsonName
		where := fmt.Sprintf("%s.%s (json %q)", t.Name(), f.goName, f.jsonName)
		if seen[f.jsonName] {
			c.errorf("%s: duplicate json name", where)
		}
		seen[f.jsonName] = true
		p, ok := props[f.jsonName]
		if !ok {
			c.errorf("%s: json name %q is not a property of %s (properties: %s)",
				where, f.jsonName, owner, strings.Join(sortedKeys(props), ", "))
			continue
		}
		if p.Proposed {
			c.errorf("%s: property %s.%s is proposed, not part of the specification", where, p.owner, p.Name)
		}
		if newerThan317(p.Since) {
			c.errorf("%s: property %s.%s is new in %s; this package implements LSP 3.17", where, p.owner, p.Name, p.Since)
		}
		switch {
		case p.Optional && !f.omitempty:
			c.errorf("%s: optional property without omitempty", where)
		case !p.Optional && f.omitempty && requiredOmitempty[key] == "":
			c.errorf("%s: required property with omitempty", where)
		case !p.Optional && f.omitempty:
			c.used["required:"+key] = true
		}
		typ := f.typ
		if f.omitempty {
			switch typ.Kind() {
			case reflect.Struct:
				c.errorf("%s: omitempty has no effect on a struct; use a pointer", where)
			case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64,
				reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64,
				reflect.Float32, reflect.Float64:
				if !c.zeroInvalid(&p.Type) {
					if zeroOmitted[key] == "" {
						c.errorf("%s: omitempty drops 0, a valid value of %s; use a pointer or list it in zeroOmitted", where, desc(&p.Type))
					}
					c.used["zero:"+key] = true
				}
			}
			// A pointer may stand for an optional property; if the meta type
			// also admits null, compatOr handles the pointer itself.
			if typ.Kind() == reflect.Pointer && !(p.Type.Kind == "or" && admitsNull(&p.Type)) {
				typ = typ.Elem()
			}
		} else if typ.Kind() == reflect.Pointer && !admitsNull(&p.Type) {
			c.errorf("%s: pointer for a required property that cannot be null", where)
		}
		c.compat(key, typ, &p.Type)
	}
	for _, n := range sortedKeys(props) {
		if p := props[n]; !p.Optional && !seen[n] {
			c.errorf("%s: required property %q of %s is missing", t.Name(), n, owner)
		}
	}
}

// zeroInvalid reports whether 0 is not a value of the enumeration mt
// refers to, so that omitempty loses nothing.
func (c *checker) zeroInvalid(mt *metaType) bool {
	if mt.Kind != "reference" || c.m.enums[mt.Name] == nil {
		return false
	}
	e := c.m.enums[mt.Name]
	if e.SupportsCustomValues {
		return false
	}
	for _, v := range e.Values {
		if string(v.Value) == "0" {
			return false
		}
	}
	return true
}

// admitsNull reports whether mt is an or-type with a null alternative.
func admitsNull(mt *metaType) bool {
	if mt.Kind != "or" {
		return false
	}
	for _, it := range mt.Items {
		if it.Kind == "base" && it.Name == "null" {
			return true
		}
	}
	return false
}

// resolvesToNull reports whether null is a valid value of mt, following
// type aliases.
func (c *checker) resolvesToNull(mt *metaType) bool {
	switch mt.Kind {
	case "base":
		return mt.Name == "null"
	case "reference":
		if a := c.m.aliases[mt.Name]; a != nil {
			return c.resolvesToNull(&a.Type)
		}
	case "or":
		for _, it := range mt.Items {
			if c.resolvesToNull(it) {
				return true
			}
		}
	}
	return false
}

func sortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}

// jsonEqual compares two JSON values, treating numbers by value.
func jsonEqual(a, b []byte) bool {
	var va, vb any
	da, db := json.NewDecoder(bytes.NewReader(a)), json.NewDecoder(bytes.NewReader(b))
	da.UseNumber()
	db.UseNumber()
	if da.Decode(&va) != nil || db.Decode(&vb) != nil {
		return false
	}
	return reflect.DeepEqual(va, vb)
}

// newerThan317 reports whether a "since" annotation says the element was
// introduced after LSP 3.17. Annotations such as "3.18.0 - support for
// MarkupContent" describe a later widening of an older element, not a new
// one, and are handled by the narrowing allowlist instead.
func newerThan317(since string) bool {
	since = strings.TrimSpace(since)
	return strings.HasPrefix(since, "3.18") && !strings.Contains(since, " ")
}
