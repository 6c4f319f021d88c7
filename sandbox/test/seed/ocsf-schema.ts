// A small OCSF validator that reads the official schema files themselves (events, objects,
// profiles, dictionary), so the seed is checked against the schema and not against our memory
// of it. It follows the schema's own inheritance: a class's `extends` chain up to base_event,
// each level's `$include`d profiles, and the same for objects; attribute types come from the
// dictionary unless a class or object overrides them.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';

interface EnumValue {
  caption?: string;
}

interface AttributeDef {
  requirement?: string;
  type?: string;
  is_array?: boolean;
  enum?: Record<string, EnumValue>;
  sibling?: string;
  profile?: string | null;
  caption?: string;
  observable?: number;
  '@deprecated'?: unknown;
}

interface Constraints {
  at_least_one?: string[];
  just_one?: string[];
}

interface SchemaFile {
  name: string;
  caption?: string;
  uid?: number;
  category?: string;
  extends?: string;
  observable?: number;
  constraints?: Constraints;
  attributes: Record<string, AttributeDef | string[]>;
}

interface TypeDef {
  caption?: string;
  type?: string;
  regex?: string;
  max_len?: number;
  range?: [number, number];
  values?: unknown[];
  observable?: number;
}

/** An event class or object after its `extends` chain and profiles have been applied. */
export interface ResolvedDefinition {
  name: string;
  caption: string;
  attributes: Record<string, AttributeDef>;
  constraints: Constraints;
}

export interface ResolvedClass extends ResolvedDefinition {
  classUid: number;
  categoryUid: number;
  categoryCaption: string;
}

/**
 * Where the schema is: `OCSF_SCHEMA_DIR` (to try the seed against another OCSF version), else the
 * copy of OCSF's schema data kept in the repository (`sandbox/test/fixtures/ocsf-schema`).
 */
export function ocsfSchemaDir(): string {
  const dir = process.env.OCSF_SCHEMA_DIR ?? path.resolve(__dirname, '../fixtures/ocsf-schema');
  if (!existsSync(path.join(dir, 'version.json'))) {
    throw new Error(`OCSF schema not found in ${dir}; set OCSF_SCHEMA_DIR to its folder`);
  }
  return dir;
}

function readJson<T>(file: string): T {
  return JSON.parse(readFileSync(file, 'utf8')) as T;
}

function jsonFilesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((entry) => {
    const full = path.join(dir, entry);
    if (statSync(full).isDirectory()) return jsonFilesUnder(full);
    return entry.endsWith('.json') ? [full] : [];
  });
}

const isPlainObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

export class OcsfSchema {
  readonly version: string;
  private readonly dir: string;
  private readonly dictionary: Record<string, AttributeDef>;
  private readonly types: Record<string, TypeDef>;
  private readonly categories: Record<string, { uid: number; caption: string }>;
  private readonly events = new Map<string, SchemaFile>();
  private readonly objects = new Map<string, SchemaFile>();
  private readonly profileNames = new Set<string>();
  private readonly resolvedEvents = new Map<string, ResolvedDefinition>();
  private readonly resolvedObjects = new Map<string, ResolvedDefinition>();
  private readonly classesByUid = new Map<number, ResolvedClass>();

  constructor(dir = ocsfSchemaDir()) {
    this.dir = dir;
    this.version = readJson<{ version: string }>(path.join(dir, 'version.json')).version;
    const dictionary = readJson<{
      attributes: Record<string, AttributeDef>;
      types: { attributes: Record<string, TypeDef> };
    }>(path.join(dir, 'dictionary.json'));
    this.dictionary = dictionary.attributes;
    this.types = dictionary.types.attributes;
    this.categories = readJson<{ attributes: Record<string, { uid: number; caption: string }> }>(
      path.join(dir, 'categories.json'),
    ).attributes;
    for (const file of jsonFilesUnder(path.join(dir, 'events'))) {
      const def = readJson<SchemaFile>(file);
      this.events.set(def.name, def);
    }
    for (const file of jsonFilesUnder(path.join(dir, 'objects'))) {
      const def = readJson<SchemaFile>(file);
      this.objects.set(def.name, def);
    }
    for (const file of jsonFilesUnder(path.join(dir, 'profiles'))) {
      this.profileNames.add(readJson<SchemaFile>(file).name);
    }
    this.indexClasses();
    this.widenObservableTypes();
  }

  classByUid(classUid: number): ResolvedClass | undefined {
    return this.classesByUid.get(classUid);
  }

  object(name: string): ResolvedDefinition {
    return this.resolve(name, this.objects, this.resolvedObjects);
  }

  /** Every problem found in one event, each naming the attribute path; empty when valid. */
  validateEvent(event: unknown): string[] {
    const errors: string[] = [];
    if (!isPlainObject(event)) return ['event: must be an object'];
    const classUid = event.class_uid;
    if (typeof classUid !== 'number') return ['class_uid: required attribute missing'];
    const cls = this.classByUid(classUid);
    if (!cls) return [`class_uid: ${classUid} is not a class of OCSF ${this.version}`];

    if (event.category_uid !== cls.categoryUid) {
      errors.push(`category_uid: ${String(event.category_uid)} is not ${cls.categoryUid}`);
    }
    const activityId = event.activity_id;
    if (typeof activityId === 'number' && event.type_uid !== classUid * 100 + activityId) {
      errors.push(`type_uid: ${String(event.type_uid)} is not class_uid * 100 + activity_id`);
    }
    const activity = cls.attributes.activity_id?.enum?.[String(activityId)];
    if (event.class_name !== undefined && event.class_name !== cls.caption) {
      errors.push(`class_name: "${String(event.class_name)}" is not "${cls.caption}"`);
    }
    if (event.category_name !== undefined && event.category_name !== cls.categoryCaption) {
      errors.push(
        `category_name: "${String(event.category_name)}" is not "${cls.categoryCaption}"`,
      );
    }
    if (event.type_name !== undefined && activity) {
      const expected = `${cls.caption}: ${activity.caption ?? ''}`;
      if (event.type_name !== expected) {
        errors.push(`type_name: "${String(event.type_name)}" is not "${expected}"`);
      }
    }

    const metadata = isPlainObject(event.metadata) ? event.metadata : {};
    if (metadata.version !== undefined && metadata.version !== this.version) {
      errors.push(`metadata.version: "${String(metadata.version)}" is not "${this.version}"`);
    }
    const declared = Array.isArray(metadata.profiles) ? metadata.profiles.map(String) : [];
    for (const profile of declared) {
      if (!this.profileNames.has(profile)) {
        errors.push(`metadata.profiles: "${profile}" is not an OCSF profile`);
      }
    }

    // class_uid and category_uid are checked above against the class itself: base_event's
    // enums for them only list the Base Event's own values.
    const attributes = { ...cls.attributes };
    for (const own of ['class_uid', 'category_uid'] as const) {
      const def = attributes[own];
      if (def) attributes[own] = { ...def, enum: undefined };
    }
    this.checkAttributes(event, { ...cls, attributes }, '', new Set(declared), errors);
    return errors;
  }

  private indexClasses(): void {
    for (const [name, def] of this.events) {
      if (def.uid === undefined) continue;
      const categoryName = this.categoryOf(def);
      const category = categoryName ? this.categories[categoryName] : undefined;
      if (!category) continue;
      const resolved = this.resolve(name, this.events, this.resolvedEvents);
      this.classesByUid.set(category.uid * 1000 + def.uid, {
        ...resolved,
        classUid: category.uid * 1000 + def.uid,
        categoryUid: category.uid,
        categoryCaption: category.caption,
      });
    }
  }

  private categoryOf(def: SchemaFile): string | undefined {
    if (def.category) return def.category;
    return def.extends ? this.categoryOf(this.mustGet(this.events, def.extends)) : undefined;
  }

  /**
   * The observable object lists only Unknown and Other for `type_id`; the schema's other values
   * are the `observable` numbers given to types, dictionary attributes and objects.
   */
  private widenObservableTypes(): void {
    const observable = this.object('observable');
    const typeId = observable.attributes.type_id;
    if (!typeId) return;
    const values: Record<string, EnumValue> = { ...typeId.enum };
    for (const t of Object.values(this.types)) {
      if (t.observable !== undefined) values[String(t.observable)] = { caption: t.caption };
    }
    for (const a of Object.values(this.dictionary)) {
      if (a.observable !== undefined) values[String(a.observable)] = { caption: a.caption };
    }
    for (const o of this.objects.values()) {
      if (o.observable !== undefined) values[String(o.observable)] = { caption: o.caption };
      for (const a of Object.values(o.attributes)) {
        if (!Array.isArray(a) && a.observable !== undefined) {
          values[String(a.observable)] = { caption: a.caption };
        }
      }
    }
    observable.attributes.type_id = { ...typeId, enum: values };
  }

  private mustGet(pool: Map<string, SchemaFile>, name: string): SchemaFile {
    const def = pool.get(name);
    if (!def) throw new Error(`OCSF schema: no definition named "${name}" in ${this.dir}`);
    return def;
  }

  private resolve(
    name: string,
    pool: Map<string, SchemaFile>,
    cache: Map<string, ResolvedDefinition>,
  ): ResolvedDefinition {
    const cached = cache.get(name);
    if (cached) return cached;
    const def = this.mustGet(pool, name);
    const parent = def.extends ? this.resolve(def.extends, pool, cache) : undefined;
    const attributes: Record<string, AttributeDef> = {};
    for (const [key, value] of Object.entries(parent?.attributes ?? {})) {
      attributes[key] = { ...value };
    }
    const own = def.attributes;
    const includes = Array.isArray(own.$include) ? own.$include : [];
    for (const include of includes) {
      const profile = readJson<SchemaFile>(path.join(this.dir, include));
      for (const [key, value] of Object.entries(profile.attributes)) {
        if (Array.isArray(value)) continue;
        attributes[key] = { ...attributes[key], ...value, profile: profile.name };
      }
    }
    for (const [key, value] of Object.entries(own)) {
      if (key === '$include' || Array.isArray(value)) continue;
      const before = attributes[key];
      const merged: AttributeDef = {
        ...before,
        ...value,
        enum: before?.enum || value.enum ? { ...before?.enum, ...value.enum } : undefined,
      };
      // A class or object that declares the attribute itself makes it its own, not the
      // profile's, unless it says otherwise (finding.json writes `"profile": null` for this).
      if (!('profile' in value)) delete merged.profile;
      attributes[key] = merged;
    }
    const resolved: ResolvedDefinition = {
      name,
      caption: def.caption ?? name,
      attributes,
      constraints: def.constraints ?? parent?.constraints ?? {},
    };
    cache.set(name, resolved);
    return resolved;
  }

  /** The attribute's definition with the dictionary's type, array flag, enum and sibling. */
  private effective(key: string, def: AttributeDef): AttributeDef {
    const dict = this.dictionary[key] ?? {};
    const dictEnum = dict.enum;
    return {
      ...def,
      type: def.type ?? dict.type,
      is_array: def.is_array ?? dict.is_array,
      sibling: def.sibling ?? dict.sibling,
      enum: dictEnum || def.enum ? { ...dictEnum, ...def.enum } : undefined,
      '@deprecated': def['@deprecated'] ?? dict['@deprecated'],
    };
  }

  private checkAttributes(
    value: Record<string, unknown>,
    def: ResolvedDefinition,
    at: string,
    profiles: Set<string>,
    errors: string[],
  ): void {
    const where = (key: string) => (at ? `${at}.${key}` : key);
    for (const [key, attr] of Object.entries(def.attributes)) {
      if (attr.requirement !== 'required') continue;
      if (attr.profile && !profiles.has(attr.profile)) continue;
      if (value[key] === undefined || value[key] === null) {
        errors.push(`${where(key)}: required by ${def.name} but missing`);
      }
    }
    for (const [key, item] of Object.entries(value)) {
      const declared = def.attributes[key];
      if (!declared) {
        errors.push(`${where(key)}: not an attribute of ${def.name}`);
        continue;
      }
      const attr = this.effective(key, declared);
      if (attr.profile && !profiles.has(attr.profile)) {
        errors.push(
          `${where(key)}: belongs to profile "${attr.profile}", not in metadata.profiles`,
        );
      }
      if (attr['@deprecated']) errors.push(`${where(key)}: deprecated in OCSF ${this.version}`);
      this.checkValue(item, key, attr, where(key), profiles, errors);
      if (attr.sibling && attr.enum && value[attr.sibling] !== undefined && item !== 99) {
        const caption = attr.enum[String(item)]?.caption;
        if (caption !== undefined && value[attr.sibling] !== caption) {
          errors.push(
            `${where(attr.sibling)}: "${String(value[attr.sibling])}" is not "${caption}", the caption of ${key} ${String(item)}`,
          );
        }
      }
    }
    // Constraints may name nested attributes, e.g. `device.os.version` (patch_state.json).
    const lookup = (dotted: string): unknown =>
      dotted
        .split('.')
        .reduce<unknown>((at, key) => (isPlainObject(at) ? at[key] : undefined), value);
    const present = (keys: string[]) => keys.filter((k) => lookup(k) !== undefined);
    if (def.constraints.at_least_one && present(def.constraints.at_least_one).length === 0) {
      errors.push(
        `${at || def.name}: needs at least one of ${def.constraints.at_least_one.join(', ')}`,
      );
    }
    if (def.constraints.just_one && present(def.constraints.just_one).length !== 1) {
      errors.push(`${at || def.name}: needs exactly one of ${def.constraints.just_one.join(', ')}`);
    }
  }

  private checkValue(
    value: unknown,
    key: string,
    attr: AttributeDef,
    at: string,
    profiles: Set<string>,
    errors: string[],
  ): void {
    if (attr.is_array) {
      if (!Array.isArray(value)) {
        errors.push(`${at}: must be an array`);
        return;
      }
      value.forEach((item, i) =>
        this.checkSingle(item, key, { ...attr, is_array: false }, `${at}[${i}]`, profiles, errors),
      );
      return;
    }
    this.checkSingle(value, key, attr, at, profiles, errors);
  }

  private checkSingle(
    value: unknown,
    key: string,
    attr: AttributeDef,
    at: string,
    profiles: Set<string>,
    errors: string[],
  ): void {
    const type = attr.type;
    if (!type) {
      errors.push(`${at}: the schema gives no type for "${key}"`);
      return;
    }
    if (type === 'object') {
      if (!isPlainObject(value)) errors.push(`${at}: must be an object`);
      return;
    }
    if (this.objects.has(type)) {
      if (!isPlainObject(value)) {
        errors.push(`${at}: must be a ${type} object`);
        return;
      }
      this.checkAttributes(value, this.object(type), at, profiles, errors);
      return;
    }
    this.checkScalar(value, type, at, errors);
    if (attr.enum && !(String(value) in attr.enum)) {
      errors.push(
        `${at}: ${JSON.stringify(value)} is not one of ${Object.keys(attr.enum).join(', ')}`,
      );
    }
  }

  private checkScalar(value: unknown, typeName: string, at: string, errors: string[]): void {
    const chain: TypeDef[] = [];
    let name: string | undefined = typeName;
    while (name) {
      const t: TypeDef | undefined = this.types[name];
      if (!t) {
        errors.push(`${at}: unknown OCSF type "${name}"`);
        return;
      }
      chain.push(t);
      name = t.type && t.type !== name ? t.type : undefined;
      if (!name) break;
    }
    const base = [typeName, ...chain.map((t) => t.type)].filter(Boolean).pop() as string;
    const ok =
      base === 'string_t'
        ? typeof value === 'string'
        : base === 'integer_t' || base === 'long_t'
          ? Number.isInteger(value)
          : base === 'float_t'
            ? typeof value === 'number'
            : base === 'boolean_t'
              ? typeof value === 'boolean'
              : base === 'json_t'
                ? value !== undefined
                : false;
    if (!ok) {
      errors.push(`${at}: ${JSON.stringify(value)} is not a ${typeName}`);
      return;
    }
    for (const t of chain) {
      if (t.regex && typeof value === 'string' && !new RegExp(t.regex).test(value)) {
        errors.push(`${at}: "${value}" does not match the ${typeName} pattern`);
      }
      if (t.max_len !== undefined && typeof value === 'string' && value.length > t.max_len) {
        errors.push(`${at}: longer than ${t.max_len} characters`);
      }
      if (t.range && typeof value === 'number' && (value < t.range[0] || value > t.range[1])) {
        errors.push(`${at}: ${value} is outside ${t.range[0]}–${t.range[1]}`);
      }
    }
  }
}
