const DEV = false;
var is_array = Array.isArray;
var index_of = Array.prototype.indexOf;
var array_from = Array.from;
var define_property = Object.defineProperty;
var get_descriptor = Object.getOwnPropertyDescriptor;
var get_descriptors = Object.getOwnPropertyDescriptors;
var object_prototype = Object.prototype;
var array_prototype = Array.prototype;
var get_prototype_of = Object.getPrototypeOf;
var is_extensible = Object.isExtensible;
function run_all(arr) {
  for (var i = 0; i < arr.length; i++) {
    arr[i]();
  }
}
function deferred() {
  var resolve;
  var reject;
  var promise = new Promise((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}
function to_array(value, n) {
  if (Array.isArray(value)) {
    return value;
  }
  if (n === void 0 || !(Symbol.iterator in value)) {
    return Array.from(value);
  }
  const array = [];
  for (const element of value) {
    array.push(element);
    if (array.length === n) break;
  }
  return array;
}
const DERIVED = 1 << 1;
const EFFECT = 1 << 2;
const RENDER_EFFECT = 1 << 3;
const BLOCK_EFFECT = 1 << 4;
const BRANCH_EFFECT = 1 << 5;
const ROOT_EFFECT = 1 << 6;
const BOUNDARY_EFFECT = 1 << 7;
const CLEAN = 1 << 10;
const DIRTY = 1 << 11;
const MAYBE_DIRTY = 1 << 12;
const INERT = 1 << 13;
const DESTROYED = 1 << 14;
const EFFECT_RAN = 1 << 15;
const EFFECT_TRANSPARENT = 1 << 16;
const EAGER_EFFECT = 1 << 17;
const HEAD_EFFECT = 1 << 18;
const EFFECT_PRESERVED = 1 << 19;
const USER_EFFECT = 1 << 20;
const UNOWNED = 1 << 8;
const DISCONNECTED = 1 << 9;
const WAS_MARKED = 1 << 15;
const REACTION_IS_UPDATING = 1 << 21;
const ASYNC = 1 << 22;
const ERROR_VALUE = 1 << 23;
const STATE_SYMBOL = Symbol("$state");
const LEGACY_PROPS = Symbol("legacy props");
const LOADING_ATTR_SYMBOL = Symbol("");
const STALE_REACTION = new class StaleReactionError extends Error {
  name = "StaleReactionError";
  message = "The reaction that called `getAbortSignal()` was re-run or destroyed";
}();
function lifecycle_outside_component(name) {
  {
    throw new Error(`https://svelte.dev/e/lifecycle_outside_component`);
  }
}
function async_derived_orphan() {
  {
    throw new Error(`https://svelte.dev/e/async_derived_orphan`);
  }
}
function effect_in_teardown(rune) {
  {
    throw new Error(`https://svelte.dev/e/effect_in_teardown`);
  }
}
function effect_in_unowned_derived() {
  {
    throw new Error(`https://svelte.dev/e/effect_in_unowned_derived`);
  }
}
function effect_orphan(rune) {
  {
    throw new Error(`https://svelte.dev/e/effect_orphan`);
  }
}
function effect_update_depth_exceeded() {
  {
    throw new Error(`https://svelte.dev/e/effect_update_depth_exceeded`);
  }
}
function props_invalid_value(key2) {
  {
    throw new Error(`https://svelte.dev/e/props_invalid_value`);
  }
}
function state_descriptors_fixed() {
  {
    throw new Error(`https://svelte.dev/e/state_descriptors_fixed`);
  }
}
function state_prototype_fixed() {
  {
    throw new Error(`https://svelte.dev/e/state_prototype_fixed`);
  }
}
function state_unsafe_mutation() {
  {
    throw new Error(`https://svelte.dev/e/state_unsafe_mutation`);
  }
}
function svelte_boundary_reset_onerror() {
  {
    throw new Error(`https://svelte.dev/e/svelte_boundary_reset_onerror`);
  }
}
const EACH_ITEM_REACTIVE = 1;
const EACH_INDEX_REACTIVE = 1 << 1;
const EACH_IS_CONTROLLED = 1 << 2;
const EACH_IS_ANIMATED = 1 << 3;
const EACH_ITEM_IMMUTABLE = 1 << 4;
const PROPS_IS_IMMUTABLE = 1;
const PROPS_IS_UPDATED = 1 << 2;
const PROPS_IS_BINDABLE = 1 << 3;
const PROPS_IS_LAZY_INITIAL = 1 << 4;
const TEMPLATE_FRAGMENT = 1;
const TEMPLATE_USE_IMPORT_NODE = 1 << 1;
const UNINITIALIZED = Symbol();
const NAMESPACE_HTML = "http://www.w3.org/1999/xhtml";
function select_multiple_invalid_value() {
  {
    console.warn(`https://svelte.dev/e/select_multiple_invalid_value`);
  }
}
function svelte_boundary_reset_noop() {
  {
    console.warn(`https://svelte.dev/e/svelte_boundary_reset_noop`);
  }
}
let hydrating = false;
function equals(value) {
  return value === this.v;
}
function safe_not_equal(a, b) {
  return a != a ? b == b : a !== b || a !== null && typeof a === "object" || typeof a === "function";
}
function safe_equals(value) {
  return !safe_not_equal(value, this.v);
}
let tracing_mode_flag = false;
let component_context = null;
function set_component_context(context) {
  component_context = context;
}
function push(props, runes = false, fn) {
  component_context = {
    p: component_context,
    i: false,
    c: null,
    e: null,
    s: props,
    x: null,
    l: null
  };
}
function pop(component) {
  var context = (
    /** @type {ComponentContext} */
    component_context
  );
  var effects = context.e;
  if (effects !== null) {
    context.e = null;
    for (var fn of effects) {
      create_user_effect(fn);
    }
  }
  context.i = true;
  component_context = context.p;
  return (
    /** @type {T} */
    {}
  );
}
function is_runes() {
  return true;
}
let micro_tasks = [];
function run_micro_tasks() {
  var tasks = micro_tasks;
  micro_tasks = [];
  run_all(tasks);
}
function queue_micro_task(fn) {
  if (micro_tasks.length === 0 && !is_flushing_sync) {
    var tasks = micro_tasks;
    queueMicrotask(() => {
      if (tasks === micro_tasks) run_micro_tasks();
    });
  }
  micro_tasks.push(fn);
}
function flush_tasks() {
  while (micro_tasks.length > 0) {
    run_micro_tasks();
  }
}
function handle_error(error) {
  var effect2 = active_effect;
  if (effect2 === null) {
    active_reaction.f |= ERROR_VALUE;
    return error;
  }
  if ((effect2.f & EFFECT_RAN) === 0) {
    if ((effect2.f & BOUNDARY_EFFECT) === 0) {
      throw error;
    }
    effect2.b.error(error);
  } else {
    invoke_error_boundary(error, effect2);
  }
}
function invoke_error_boundary(error, effect2) {
  while (effect2 !== null) {
    if ((effect2.f & BOUNDARY_EFFECT) !== 0) {
      try {
        effect2.b.error(error);
        return;
      } catch (e) {
        error = e;
      }
    }
    effect2 = effect2.parent;
  }
  throw error;
}
const batches = /* @__PURE__ */ new Set();
let current_batch = null;
let previous_batch = null;
let batch_values = null;
let queued_root_effects = [];
let last_scheduled_effect = null;
let is_flushing = false;
let is_flushing_sync = false;
class Batch {
  committed = false;
  /**
   * The current values of any sources that are updated in this batch
   * They keys of this map are identical to `this.#previous`
   * @type {Map<Source, any>}
   */
  current = /* @__PURE__ */ new Map();
  /**
   * The values of any sources that are updated in this batch _before_ those updates took place.
   * They keys of this map are identical to `this.#current`
   * @type {Map<Source, any>}
   */
  previous = /* @__PURE__ */ new Map();
  /**
   * When the batch is committed (and the DOM is updated), we need to remove old branches
   * and append new ones by calling the functions added inside (if/each/key/etc) blocks
   * @type {Set<() => void>}
   */
  #commit_callbacks = /* @__PURE__ */ new Set();
  /**
   * If a fork is discarded, we need to destroy any effects that are no longer needed
   * @type {Set<(batch: Batch) => void>}
   */
  #discard_callbacks = /* @__PURE__ */ new Set();
  /**
   * The number of async effects that are currently in flight
   */
  #pending = 0;
  /**
   * The number of async effects that are currently in flight, _not_ inside a pending boundary
   */
  #blocking_pending = 0;
  /**
   * A deferred that resolves when the batch is committed, used with `settled()`
   * TODO replace with Promise.withResolvers once supported widely enough
   * @type {{ promise: Promise<void>, resolve: (value?: any) => void, reject: (reason: unknown) => void } | null}
   */
  #deferred = null;
  /**
   * Deferred effects (which run after async work has completed) that are DIRTY
   * @type {Effect[]}
   */
  #dirty_effects = [];
  /**
   * Deferred effects that are MAYBE_DIRTY
   * @type {Effect[]}
   */
  #maybe_dirty_effects = [];
  /**
   * A set of branches that still exist, but will be destroyed when this batch
   * is committed — we skip over these during `process`
   * @type {Set<Effect>}
   */
  skipped_effects = /* @__PURE__ */ new Set();
  is_fork = false;
  /**
   *
   * @param {Effect[]} root_effects
   */
  process(root_effects) {
    queued_root_effects = [];
    previous_batch = null;
    this.apply();
    var target = {
      parent: null,
      effect: null,
      effects: [],
      render_effects: [],
      block_effects: []
    };
    for (const root2 of root_effects) {
      this.#traverse_effect_tree(root2, target);
    }
    if (!this.is_fork) {
      this.#resolve();
    }
    if (this.#blocking_pending > 0 || this.is_fork) {
      this.#defer_effects(target.effects);
      this.#defer_effects(target.render_effects);
      this.#defer_effects(target.block_effects);
    } else {
      previous_batch = this;
      current_batch = null;
      flush_queued_effects(target.render_effects);
      flush_queued_effects(target.effects);
      previous_batch = null;
      this.#deferred?.resolve();
    }
    batch_values = null;
  }
  /**
   * Traverse the effect tree, executing effects or stashing
   * them for later execution as appropriate
   * @param {Effect} root
   * @param {EffectTarget} target
   */
  #traverse_effect_tree(root2, target) {
    root2.f ^= CLEAN;
    var effect2 = root2.first;
    while (effect2 !== null) {
      var flags2 = effect2.f;
      var is_branch = (flags2 & (BRANCH_EFFECT | ROOT_EFFECT)) !== 0;
      var is_skippable_branch = is_branch && (flags2 & CLEAN) !== 0;
      var skip = is_skippable_branch || (flags2 & INERT) !== 0 || this.skipped_effects.has(effect2);
      if ((effect2.f & BOUNDARY_EFFECT) !== 0 && effect2.b?.is_pending()) {
        target = {
          parent: target,
          effect: effect2,
          effects: [],
          render_effects: [],
          block_effects: []
        };
      }
      if (!skip && effect2.fn !== null) {
        if (is_branch) {
          effect2.f ^= CLEAN;
        } else if ((flags2 & EFFECT) !== 0) {
          target.effects.push(effect2);
        } else if (is_dirty(effect2)) {
          if ((effect2.f & BLOCK_EFFECT) !== 0) target.block_effects.push(effect2);
          update_effect(effect2);
        }
        var child2 = effect2.first;
        if (child2 !== null) {
          effect2 = child2;
          continue;
        }
      }
      var parent = effect2.parent;
      effect2 = effect2.next;
      while (effect2 === null && parent !== null) {
        if (parent === target.effect) {
          this.#defer_effects(target.effects);
          this.#defer_effects(target.render_effects);
          this.#defer_effects(target.block_effects);
          target = /** @type {EffectTarget} */
          target.parent;
        }
        effect2 = parent.next;
        parent = parent.parent;
      }
    }
  }
  /**
   * @param {Effect[]} effects
   */
  #defer_effects(effects) {
    for (const e of effects) {
      const target = (e.f & DIRTY) !== 0 ? this.#dirty_effects : this.#maybe_dirty_effects;
      target.push(e);
      set_signal_status(e, CLEAN);
    }
  }
  /**
   * Associate a change to a given source with the current
   * batch, noting its previous and current values
   * @param {Source} source
   * @param {any} value
   */
  capture(source2, value) {
    if (!this.previous.has(source2)) {
      this.previous.set(source2, value);
    }
    this.current.set(source2, source2.v);
    batch_values?.set(source2, source2.v);
  }
  activate() {
    current_batch = this;
  }
  deactivate() {
    current_batch = null;
    batch_values = null;
  }
  flush() {
    this.activate();
    if (queued_root_effects.length > 0) {
      flush_effects();
      if (current_batch !== null && current_batch !== this) {
        return;
      }
    } else if (this.#pending === 0) {
      this.process([]);
    }
    this.deactivate();
  }
  discard() {
    for (const fn of this.#discard_callbacks) fn(this);
    this.#discard_callbacks.clear();
  }
  #resolve() {
    if (this.#blocking_pending === 0) {
      for (const fn of this.#commit_callbacks) fn();
      this.#commit_callbacks.clear();
    }
    if (this.#pending === 0) {
      this.#commit();
    }
  }
  #commit() {
    if (batches.size > 1) {
      this.previous.clear();
      var previous_batch_values = batch_values;
      var is_earlier = true;
      var dummy_target = {
        parent: null,
        effect: null,
        effects: [],
        render_effects: [],
        block_effects: []
      };
      for (const batch of batches) {
        if (batch === this) {
          is_earlier = false;
          continue;
        }
        const sources = [];
        for (const [source2, value] of this.current) {
          if (batch.current.has(source2)) {
            if (is_earlier && value !== batch.current.get(source2)) {
              batch.current.set(source2, value);
            } else {
              continue;
            }
          }
          sources.push(source2);
        }
        if (sources.length === 0) {
          continue;
        }
        const others = [...batch.current.keys()].filter((s) => !this.current.has(s));
        if (others.length > 0) {
          const marked = /* @__PURE__ */ new Set();
          const checked = /* @__PURE__ */ new Map();
          for (const source2 of sources) {
            mark_effects(source2, others, marked, checked);
          }
          if (queued_root_effects.length > 0) {
            current_batch = batch;
            batch.apply();
            for (const root2 of queued_root_effects) {
              batch.#traverse_effect_tree(root2, dummy_target);
            }
            queued_root_effects = [];
            batch.deactivate();
          }
        }
      }
      current_batch = null;
      batch_values = previous_batch_values;
    }
    this.committed = true;
    batches.delete(this);
  }
  /**
   *
   * @param {boolean} blocking
   */
  increment(blocking) {
    this.#pending += 1;
    if (blocking) this.#blocking_pending += 1;
  }
  /**
   *
   * @param {boolean} blocking
   */
  decrement(blocking) {
    this.#pending -= 1;
    if (blocking) this.#blocking_pending -= 1;
    this.revive();
  }
  revive() {
    for (const e of this.#dirty_effects) {
      set_signal_status(e, DIRTY);
      schedule_effect(e);
    }
    for (const e of this.#maybe_dirty_effects) {
      set_signal_status(e, MAYBE_DIRTY);
      schedule_effect(e);
    }
    this.#dirty_effects = [];
    this.#maybe_dirty_effects = [];
    this.flush();
  }
  /** @param {() => void} fn */
  oncommit(fn) {
    this.#commit_callbacks.add(fn);
  }
  /** @param {(batch: Batch) => void} fn */
  ondiscard(fn) {
    this.#discard_callbacks.add(fn);
  }
  settled() {
    return (this.#deferred ??= deferred()).promise;
  }
  static ensure() {
    if (current_batch === null) {
      const batch = current_batch = new Batch();
      batches.add(current_batch);
      if (!is_flushing_sync) {
        Batch.enqueue(() => {
          if (current_batch !== batch) {
            return;
          }
          batch.flush();
        });
      }
    }
    return current_batch;
  }
  /** @param {() => void} task */
  static enqueue(task) {
    queue_micro_task(task);
  }
  apply() {
    return;
  }
}
function flushSync(fn) {
  var was_flushing_sync = is_flushing_sync;
  is_flushing_sync = true;
  try {
    var result;
    if (fn) ;
    while (true) {
      flush_tasks();
      if (queued_root_effects.length === 0) {
        current_batch?.flush();
        if (queued_root_effects.length === 0) {
          last_scheduled_effect = null;
          return (
            /** @type {T} */
            result
          );
        }
      }
      flush_effects();
    }
  } finally {
    is_flushing_sync = was_flushing_sync;
  }
}
function flush_effects() {
  var was_updating_effect = is_updating_effect;
  is_flushing = true;
  try {
    var flush_count = 0;
    set_is_updating_effect(true);
    while (queued_root_effects.length > 0) {
      var batch = Batch.ensure();
      if (flush_count++ > 1e3) {
        var updates, entry;
        if (DEV) ;
        infinite_loop_guard();
      }
      batch.process(queued_root_effects);
      old_values.clear();
    }
  } finally {
    is_flushing = false;
    set_is_updating_effect(was_updating_effect);
    last_scheduled_effect = null;
  }
}
function infinite_loop_guard() {
  try {
    effect_update_depth_exceeded();
  } catch (error) {
    invoke_error_boundary(error, last_scheduled_effect);
  }
}
let eager_block_effects = null;
function flush_queued_effects(effects) {
  var length = effects.length;
  if (length === 0) return;
  var i = 0;
  while (i < length) {
    var effect2 = effects[i++];
    if ((effect2.f & (DESTROYED | INERT)) === 0 && is_dirty(effect2)) {
      eager_block_effects = /* @__PURE__ */ new Set();
      update_effect(effect2);
      if (effect2.deps === null && effect2.first === null && effect2.nodes_start === null) {
        if (effect2.teardown === null && effect2.ac === null) {
          unlink_effect(effect2);
        } else {
          effect2.fn = null;
        }
      }
      if (eager_block_effects?.size > 0) {
        old_values.clear();
        for (const e of eager_block_effects) {
          if ((e.f & (DESTROYED | INERT)) !== 0) continue;
          const ordered_effects = [e];
          let ancestor = e.parent;
          while (ancestor !== null) {
            if (eager_block_effects.has(ancestor)) {
              eager_block_effects.delete(ancestor);
              ordered_effects.push(ancestor);
            }
            ancestor = ancestor.parent;
          }
          for (let j = ordered_effects.length - 1; j >= 0; j--) {
            const e2 = ordered_effects[j];
            if ((e2.f & (DESTROYED | INERT)) !== 0) continue;
            update_effect(e2);
          }
        }
        eager_block_effects.clear();
      }
    }
  }
  eager_block_effects = null;
}
function mark_effects(value, sources, marked, checked) {
  if (marked.has(value)) return;
  marked.add(value);
  if (value.reactions !== null) {
    for (const reaction of value.reactions) {
      const flags2 = reaction.f;
      if ((flags2 & DERIVED) !== 0) {
        mark_effects(
          /** @type {Derived} */
          reaction,
          sources,
          marked,
          checked
        );
      } else if ((flags2 & (ASYNC | BLOCK_EFFECT)) !== 0 && (flags2 & DIRTY) === 0 && // we may have scheduled this one already
      depends_on(reaction, sources, checked)) {
        set_signal_status(reaction, DIRTY);
        schedule_effect(
          /** @type {Effect} */
          reaction
        );
      }
    }
  }
}
function depends_on(reaction, sources, checked) {
  const depends = checked.get(reaction);
  if (depends !== void 0) return depends;
  if (reaction.deps !== null) {
    for (const dep of reaction.deps) {
      if (sources.includes(dep)) {
        return true;
      }
      if ((dep.f & DERIVED) !== 0 && depends_on(
        /** @type {Derived} */
        dep,
        sources,
        checked
      )) {
        checked.set(
          /** @type {Derived} */
          dep,
          true
        );
        return true;
      }
    }
  }
  checked.set(reaction, false);
  return false;
}
function schedule_effect(signal) {
  var effect2 = last_scheduled_effect = signal;
  while (effect2.parent !== null) {
    effect2 = effect2.parent;
    var flags2 = effect2.f;
    if (is_flushing && effect2 === active_effect && (flags2 & BLOCK_EFFECT) !== 0) {
      return;
    }
    if ((flags2 & (ROOT_EFFECT | BRANCH_EFFECT)) !== 0) {
      if ((flags2 & CLEAN) === 0) return;
      effect2.f ^= CLEAN;
    }
  }
  queued_root_effects.push(effect2);
}
function createSubscriber(start2) {
  let subscribers = 0;
  let version = source(0);
  let stop;
  return () => {
    if (effect_tracking()) {
      get(version);
      render_effect(() => {
        if (subscribers === 0) {
          stop = untrack(() => start2(() => increment(version)));
        }
        subscribers += 1;
        return () => {
          queue_micro_task(() => {
            subscribers -= 1;
            if (subscribers === 0) {
              stop?.();
              stop = void 0;
              increment(version);
            }
          });
        };
      });
    }
  };
}
var flags = EFFECT_TRANSPARENT | EFFECT_PRESERVED | BOUNDARY_EFFECT;
function boundary(node, props, children) {
  new Boundary(node, props, children);
}
class Boundary {
  /** @type {Boundary | null} */
  parent;
  #pending = false;
  /** @type {TemplateNode} */
  #anchor;
  /** @type {TemplateNode | null} */
  #hydrate_open = null;
  /** @type {BoundaryProps} */
  #props;
  /** @type {((anchor: Node) => void)} */
  #children;
  /** @type {Effect} */
  #effect;
  /** @type {Effect | null} */
  #main_effect = null;
  /** @type {Effect | null} */
  #pending_effect = null;
  /** @type {Effect | null} */
  #failed_effect = null;
  /** @type {DocumentFragment | null} */
  #offscreen_fragment = null;
  /** @type {TemplateNode | null} */
  #pending_anchor = null;
  #local_pending_count = 0;
  #pending_count = 0;
  #is_creating_fallback = false;
  /**
   * A source containing the number of pending async deriveds/expressions.
   * Only created if `$effect.pending()` is used inside the boundary,
   * otherwise updating the source results in needless `Batch.ensure()`
   * calls followed by no-op flushes
   * @type {Source<number> | null}
   */
  #effect_pending = null;
  #effect_pending_subscriber = createSubscriber(() => {
    this.#effect_pending = source(this.#local_pending_count);
    return () => {
      this.#effect_pending = null;
    };
  });
  /**
   * @param {TemplateNode} node
   * @param {BoundaryProps} props
   * @param {((anchor: Node) => void)} children
   */
  constructor(node, props, children) {
    this.#anchor = node;
    this.#props = props;
    this.#children = children;
    this.parent = /** @type {Effect} */
    active_effect.b;
    this.#pending = !!this.#props.pending;
    this.#effect = block(() => {
      active_effect.b = this;
      {
        var anchor = this.#get_anchor();
        try {
          this.#main_effect = branch(() => children(anchor));
        } catch (error) {
          this.error(error);
        }
        if (this.#pending_count > 0) {
          this.#show_pending_snippet();
        } else {
          this.#pending = false;
        }
      }
      return () => {
        this.#pending_anchor?.remove();
      };
    }, flags);
  }
  #hydrate_resolved_content() {
    try {
      this.#main_effect = branch(() => this.#children(this.#anchor));
    } catch (error) {
      this.error(error);
    }
    this.#pending = false;
  }
  #hydrate_pending_content() {
    const pending = this.#props.pending;
    if (!pending) {
      return;
    }
    this.#pending_effect = branch(() => pending(this.#anchor));
    Batch.enqueue(() => {
      var anchor = this.#get_anchor();
      this.#main_effect = this.#run(() => {
        Batch.ensure();
        return branch(() => this.#children(anchor));
      });
      if (this.#pending_count > 0) {
        this.#show_pending_snippet();
      } else {
        pause_effect(
          /** @type {Effect} */
          this.#pending_effect,
          () => {
            this.#pending_effect = null;
          }
        );
        this.#pending = false;
      }
    });
  }
  #get_anchor() {
    var anchor = this.#anchor;
    if (this.#pending) {
      this.#pending_anchor = create_text();
      this.#anchor.before(this.#pending_anchor);
      anchor = this.#pending_anchor;
    }
    return anchor;
  }
  /**
   * Returns `true` if the effect exists inside a boundary whose pending snippet is shown
   * @returns {boolean}
   */
  is_pending() {
    return this.#pending || !!this.parent && this.parent.is_pending();
  }
  has_pending_snippet() {
    return !!this.#props.pending;
  }
  /**
   * @param {() => Effect | null} fn
   */
  #run(fn) {
    var previous_effect = active_effect;
    var previous_reaction = active_reaction;
    var previous_ctx = component_context;
    set_active_effect(this.#effect);
    set_active_reaction(this.#effect);
    set_component_context(this.#effect.ctx);
    try {
      return fn();
    } catch (e) {
      handle_error(e);
      return null;
    } finally {
      set_active_effect(previous_effect);
      set_active_reaction(previous_reaction);
      set_component_context(previous_ctx);
    }
  }
  #show_pending_snippet() {
    const pending = (
      /** @type {(anchor: Node) => void} */
      this.#props.pending
    );
    if (this.#main_effect !== null) {
      this.#offscreen_fragment = document.createDocumentFragment();
      this.#offscreen_fragment.append(
        /** @type {TemplateNode} */
        this.#pending_anchor
      );
      move_effect(this.#main_effect, this.#offscreen_fragment);
    }
    if (this.#pending_effect === null) {
      this.#pending_effect = branch(() => pending(this.#anchor));
    }
  }
  /**
   * Updates the pending count associated with the currently visible pending snippet,
   * if any, such that we can replace the snippet with content once work is done
   * @param {1 | -1} d
   */
  #update_pending_count(d) {
    if (!this.has_pending_snippet()) {
      if (this.parent) {
        this.parent.#update_pending_count(d);
      }
      return;
    }
    this.#pending_count += d;
    if (this.#pending_count === 0) {
      this.#pending = false;
      if (this.#pending_effect) {
        pause_effect(this.#pending_effect, () => {
          this.#pending_effect = null;
        });
      }
      if (this.#offscreen_fragment) {
        this.#anchor.before(this.#offscreen_fragment);
        this.#offscreen_fragment = null;
      }
    }
  }
  /**
   * Update the source that powers `$effect.pending()` inside this boundary,
   * and controls when the current `pending` snippet (if any) is removed.
   * Do not call from inside the class
   * @param {1 | -1} d
   */
  update_pending_count(d) {
    this.#update_pending_count(d);
    this.#local_pending_count += d;
    if (this.#effect_pending) {
      internal_set(this.#effect_pending, this.#local_pending_count);
    }
  }
  get_effect_pending() {
    this.#effect_pending_subscriber();
    return get(
      /** @type {Source<number>} */
      this.#effect_pending
    );
  }
  /** @param {unknown} error */
  error(error) {
    var onerror = this.#props.onerror;
    let failed = this.#props.failed;
    if (this.#is_creating_fallback || !onerror && !failed) {
      throw error;
    }
    if (this.#main_effect) {
      destroy_effect(this.#main_effect);
      this.#main_effect = null;
    }
    if (this.#pending_effect) {
      destroy_effect(this.#pending_effect);
      this.#pending_effect = null;
    }
    if (this.#failed_effect) {
      destroy_effect(this.#failed_effect);
      this.#failed_effect = null;
    }
    var did_reset = false;
    var calling_on_error = false;
    const reset = () => {
      if (did_reset) {
        svelte_boundary_reset_noop();
        return;
      }
      did_reset = true;
      if (calling_on_error) {
        svelte_boundary_reset_onerror();
      }
      Batch.ensure();
      this.#local_pending_count = 0;
      if (this.#failed_effect !== null) {
        pause_effect(this.#failed_effect, () => {
          this.#failed_effect = null;
        });
      }
      this.#pending = this.has_pending_snippet();
      this.#main_effect = this.#run(() => {
        this.#is_creating_fallback = false;
        return branch(() => this.#children(this.#anchor));
      });
      if (this.#pending_count > 0) {
        this.#show_pending_snippet();
      } else {
        this.#pending = false;
      }
    };
    var previous_reaction = active_reaction;
    try {
      set_active_reaction(null);
      calling_on_error = true;
      onerror?.(error, reset);
      calling_on_error = false;
    } catch (error2) {
      invoke_error_boundary(error2, this.#effect && this.#effect.parent);
    } finally {
      set_active_reaction(previous_reaction);
    }
    if (failed) {
      queue_micro_task(() => {
        this.#failed_effect = this.#run(() => {
          Batch.ensure();
          this.#is_creating_fallback = true;
          try {
            return branch(() => {
              failed(
                this.#anchor,
                () => error,
                () => reset
              );
            });
          } catch (error2) {
            invoke_error_boundary(
              error2,
              /** @type {Effect} */
              this.#effect.parent
            );
            return null;
          } finally {
            this.#is_creating_fallback = false;
          }
        });
      });
    }
  }
}
function flatten$1(blockers, sync, async, fn) {
  const d = derived;
  if (async.length === 0 && blockers.length === 0) {
    fn(sync.map(d));
    return;
  }
  var batch = current_batch;
  var parent = (
    /** @type {Effect} */
    active_effect
  );
  var restore = capture();
  function run() {
    Promise.all(async.map((expression) => /* @__PURE__ */ async_derived(expression))).then((result) => {
      restore();
      try {
        fn([...sync.map(d), ...result]);
      } catch (error) {
        if ((parent.f & DESTROYED) === 0) {
          invoke_error_boundary(error, parent);
        }
      }
      batch?.deactivate();
      unset_context();
    }).catch((error) => {
      invoke_error_boundary(error, parent);
    });
  }
  if (blockers.length > 0) {
    Promise.all(blockers).then(() => {
      restore();
      try {
        return run();
      } finally {
        batch?.deactivate();
        unset_context();
      }
    });
  } else {
    run();
  }
}
function capture() {
  var previous_effect = active_effect;
  var previous_reaction = active_reaction;
  var previous_component_context = component_context;
  var previous_batch2 = current_batch;
  return function restore(activate_batch = true) {
    set_active_effect(previous_effect);
    set_active_reaction(previous_reaction);
    set_component_context(previous_component_context);
    if (activate_batch) previous_batch2?.activate();
  };
}
function unset_context() {
  set_active_effect(null);
  set_active_reaction(null);
  set_component_context(null);
}
// @__NO_SIDE_EFFECTS__
function derived(fn) {
  var flags2 = DERIVED | DIRTY;
  var parent_derived = active_reaction !== null && (active_reaction.f & DERIVED) !== 0 ? (
    /** @type {Derived} */
    active_reaction
  ) : null;
  if (active_effect === null || parent_derived !== null && (parent_derived.f & UNOWNED) !== 0) {
    flags2 |= UNOWNED;
  } else {
    active_effect.f |= EFFECT_PRESERVED;
  }
  const signal = {
    ctx: component_context,
    deps: null,
    effects: null,
    equals,
    f: flags2,
    fn,
    reactions: null,
    rv: 0,
    v: (
      /** @type {V} */
      UNINITIALIZED
    ),
    wv: 0,
    parent: parent_derived ?? active_effect,
    ac: null
  };
  return signal;
}
// @__NO_SIDE_EFFECTS__
function async_derived(fn, location2) {
  let parent = (
    /** @type {Effect | null} */
    active_effect
  );
  if (parent === null) {
    async_derived_orphan();
  }
  var boundary2 = (
    /** @type {Boundary} */
    parent.b
  );
  var promise = (
    /** @type {Promise<V>} */
    /** @type {unknown} */
    void 0
  );
  var signal = source(
    /** @type {V} */
    UNINITIALIZED
  );
  var should_suspend = !active_reaction;
  var deferreds = /* @__PURE__ */ new Map();
  async_effect(() => {
    var d = deferred();
    promise = d.promise;
    try {
      Promise.resolve(fn()).then(d.resolve, d.reject).then(() => {
        if (batch === current_batch && batch.committed) {
          batch.deactivate();
        }
        unset_context();
      });
    } catch (error) {
      d.reject(error);
      unset_context();
    }
    var batch = (
      /** @type {Batch} */
      current_batch
    );
    if (should_suspend) {
      var blocking = !boundary2.is_pending();
      boundary2.update_pending_count(1);
      batch.increment(blocking);
      deferreds.get(batch)?.reject(STALE_REACTION);
      deferreds.delete(batch);
      deferreds.set(batch, d);
    }
    const handler = (value, error = void 0) => {
      batch.activate();
      if (error) {
        if (error !== STALE_REACTION) {
          signal.f |= ERROR_VALUE;
          internal_set(signal, error);
        }
      } else {
        if ((signal.f & ERROR_VALUE) !== 0) {
          signal.f ^= ERROR_VALUE;
        }
        internal_set(signal, value);
        for (const [b, d2] of deferreds) {
          deferreds.delete(b);
          if (b === batch) break;
          d2.reject(STALE_REACTION);
        }
      }
      if (should_suspend) {
        boundary2.update_pending_count(-1);
        batch.decrement(blocking);
      }
    };
    d.promise.then(handler, (e) => handler(null, e || "unknown"));
  });
  teardown(() => {
    for (const d of deferreds.values()) {
      d.reject(STALE_REACTION);
    }
  });
  return new Promise((fulfil) => {
    function next(p) {
      function go() {
        if (p === promise) {
          fulfil(signal);
        } else {
          next(promise);
        }
      }
      p.then(go, go);
    }
    next(promise);
  });
}
// @__NO_SIDE_EFFECTS__
function user_derived(fn) {
  const d = /* @__PURE__ */ derived(fn);
  push_reaction_value(d);
  return d;
}
// @__NO_SIDE_EFFECTS__
function derived_safe_equal(fn) {
  const signal = /* @__PURE__ */ derived(fn);
  signal.equals = safe_equals;
  return signal;
}
function destroy_derived_effects(derived2) {
  var effects = derived2.effects;
  if (effects !== null) {
    derived2.effects = null;
    for (var i = 0; i < effects.length; i += 1) {
      destroy_effect(
        /** @type {Effect} */
        effects[i]
      );
    }
  }
}
function get_derived_parent_effect(derived2) {
  var parent = derived2.parent;
  while (parent !== null) {
    if ((parent.f & DERIVED) === 0) {
      return (
        /** @type {Effect} */
        parent
      );
    }
    parent = parent.parent;
  }
  return null;
}
function execute_derived(derived2) {
  var value;
  var prev_active_effect = active_effect;
  set_active_effect(get_derived_parent_effect(derived2));
  {
    try {
      derived2.f &= ~WAS_MARKED;
      destroy_derived_effects(derived2);
      value = update_reaction(derived2);
    } finally {
      set_active_effect(prev_active_effect);
    }
  }
  return value;
}
function update_derived(derived2) {
  var value = execute_derived(derived2);
  if (!derived2.equals(value)) {
    derived2.v = value;
    derived2.wv = increment_write_version();
  }
  if (is_destroying_effect) {
    return;
  }
  if (batch_values !== null) {
    batch_values.set(derived2, derived2.v);
  } else {
    var status = (skip_reaction || (derived2.f & UNOWNED) !== 0) && derived2.deps !== null ? MAYBE_DIRTY : CLEAN;
    set_signal_status(derived2, status);
  }
}
let eager_effects = /* @__PURE__ */ new Set();
const old_values = /* @__PURE__ */ new Map();
let eager_effects_deferred = false;
function source(v, stack) {
  var signal = {
    f: 0,
    // TODO ideally we could skip this altogether, but it causes type errors
    v,
    reactions: null,
    equals,
    rv: 0,
    wv: 0
  };
  return signal;
}
// @__NO_SIDE_EFFECTS__
function state(v, stack) {
  const s = source(v);
  push_reaction_value(s);
  return s;
}
// @__NO_SIDE_EFFECTS__
function mutable_source(initial_value, immutable = false, trackable = true) {
  const s = source(initial_value);
  if (!immutable) {
    s.equals = safe_equals;
  }
  return s;
}
function set(source2, value, should_proxy = false) {
  if (active_reaction !== null && // since we are untracking the function inside `$inspect.with` we need to add this check
  // to ensure we error if state is set inside an inspect effect
  (!untracking || (active_reaction.f & EAGER_EFFECT) !== 0) && is_runes() && (active_reaction.f & (DERIVED | BLOCK_EFFECT | ASYNC | EAGER_EFFECT)) !== 0 && !current_sources?.includes(source2)) {
    state_unsafe_mutation();
  }
  let new_value = should_proxy ? proxy(value) : value;
  return internal_set(source2, new_value);
}
function internal_set(source2, value) {
  if (!source2.equals(value)) {
    var old_value = source2.v;
    if (is_destroying_effect) {
      old_values.set(source2, value);
    } else {
      old_values.set(source2, old_value);
    }
    source2.v = value;
    var batch = Batch.ensure();
    batch.capture(source2, old_value);
    if ((source2.f & DERIVED) !== 0) {
      if ((source2.f & DIRTY) !== 0) {
        execute_derived(
          /** @type {Derived} */
          source2
        );
      }
      set_signal_status(source2, (source2.f & UNOWNED) === 0 ? CLEAN : MAYBE_DIRTY);
    }
    source2.wv = increment_write_version();
    mark_reactions(source2, DIRTY);
    if (active_effect !== null && (active_effect.f & CLEAN) !== 0 && (active_effect.f & (BRANCH_EFFECT | ROOT_EFFECT)) === 0) {
      if (untracked_writes === null) {
        set_untracked_writes([source2]);
      } else {
        untracked_writes.push(source2);
      }
    }
    if (!batch.is_fork && eager_effects.size > 0 && !eager_effects_deferred) {
      flush_eager_effects();
    }
  }
  return value;
}
function flush_eager_effects() {
  eager_effects_deferred = false;
  const inspects = Array.from(eager_effects);
  for (const effect2 of inspects) {
    if ((effect2.f & CLEAN) !== 0) {
      set_signal_status(effect2, MAYBE_DIRTY);
    }
    if (is_dirty(effect2)) {
      update_effect(effect2);
    }
  }
  eager_effects.clear();
}
function increment(source2) {
  set(source2, source2.v + 1);
}
function mark_reactions(signal, status) {
  var reactions = signal.reactions;
  if (reactions === null) return;
  var length = reactions.length;
  for (var i = 0; i < length; i++) {
    var reaction = reactions[i];
    var flags2 = reaction.f;
    var not_dirty = (flags2 & DIRTY) === 0;
    if (not_dirty) {
      set_signal_status(reaction, status);
    }
    if ((flags2 & DERIVED) !== 0) {
      if ((flags2 & WAS_MARKED) === 0) {
        reaction.f |= WAS_MARKED;
        mark_reactions(
          /** @type {Derived} */
          reaction,
          MAYBE_DIRTY
        );
      }
    } else if (not_dirty) {
      if ((flags2 & BLOCK_EFFECT) !== 0) {
        if (eager_block_effects !== null) {
          eager_block_effects.add(
            /** @type {Effect} */
            reaction
          );
        }
      }
      schedule_effect(
        /** @type {Effect} */
        reaction
      );
    }
  }
}
function proxy(value) {
  if (typeof value !== "object" || value === null || STATE_SYMBOL in value) {
    return value;
  }
  const prototype = get_prototype_of(value);
  if (prototype !== object_prototype && prototype !== array_prototype) {
    return value;
  }
  var sources = /* @__PURE__ */ new Map();
  var is_proxied_array = is_array(value);
  var version = /* @__PURE__ */ state(0);
  var parent_version = update_version;
  var with_parent = (fn) => {
    if (update_version === parent_version) {
      return fn();
    }
    var reaction = active_reaction;
    var version2 = update_version;
    set_active_reaction(null);
    set_update_version(parent_version);
    var result = fn();
    set_active_reaction(reaction);
    set_update_version(version2);
    return result;
  };
  if (is_proxied_array) {
    sources.set("length", /* @__PURE__ */ state(
      /** @type {any[]} */
      value.length
    ));
  }
  return new Proxy(
    /** @type {any} */
    value,
    {
      defineProperty(_2, prop2, descriptor) {
        if (!("value" in descriptor) || descriptor.configurable === false || descriptor.enumerable === false || descriptor.writable === false) {
          state_descriptors_fixed();
        }
        var s = sources.get(prop2);
        if (s === void 0) {
          s = with_parent(() => {
            var s2 = /* @__PURE__ */ state(descriptor.value);
            sources.set(prop2, s2);
            return s2;
          });
        } else {
          set(s, descriptor.value, true);
        }
        return true;
      },
      deleteProperty(target, prop2) {
        var s = sources.get(prop2);
        if (s === void 0) {
          if (prop2 in target) {
            const s2 = with_parent(() => /* @__PURE__ */ state(UNINITIALIZED));
            sources.set(prop2, s2);
            increment(version);
          }
        } else {
          set(s, UNINITIALIZED);
          increment(version);
        }
        return true;
      },
      get(target, prop2, receiver) {
        if (prop2 === STATE_SYMBOL) {
          return value;
        }
        var s = sources.get(prop2);
        var exists = prop2 in target;
        if (s === void 0 && (!exists || get_descriptor(target, prop2)?.writable)) {
          s = with_parent(() => {
            var p = proxy(exists ? target[prop2] : UNINITIALIZED);
            var s2 = /* @__PURE__ */ state(p);
            return s2;
          });
          sources.set(prop2, s);
        }
        if (s !== void 0) {
          var v = get(s);
          return v === UNINITIALIZED ? void 0 : v;
        }
        return Reflect.get(target, prop2, receiver);
      },
      getOwnPropertyDescriptor(target, prop2) {
        var descriptor = Reflect.getOwnPropertyDescriptor(target, prop2);
        if (descriptor && "value" in descriptor) {
          var s = sources.get(prop2);
          if (s) descriptor.value = get(s);
        } else if (descriptor === void 0) {
          var source2 = sources.get(prop2);
          var value2 = source2?.v;
          if (source2 !== void 0 && value2 !== UNINITIALIZED) {
            return {
              enumerable: true,
              configurable: true,
              value: value2,
              writable: true
            };
          }
        }
        return descriptor;
      },
      has(target, prop2) {
        if (prop2 === STATE_SYMBOL) {
          return true;
        }
        var s = sources.get(prop2);
        var has = s !== void 0 && s.v !== UNINITIALIZED || Reflect.has(target, prop2);
        if (s !== void 0 || active_effect !== null && (!has || get_descriptor(target, prop2)?.writable)) {
          if (s === void 0) {
            s = with_parent(() => {
              var p = has ? proxy(target[prop2]) : UNINITIALIZED;
              var s2 = /* @__PURE__ */ state(p);
              return s2;
            });
            sources.set(prop2, s);
          }
          var value2 = get(s);
          if (value2 === UNINITIALIZED) {
            return false;
          }
        }
        return has;
      },
      set(target, prop2, value2, receiver) {
        var s = sources.get(prop2);
        var has = prop2 in target;
        if (is_proxied_array && prop2 === "length") {
          for (var i = value2; i < /** @type {Source<number>} */
          s.v; i += 1) {
            var other_s = sources.get(i + "");
            if (other_s !== void 0) {
              set(other_s, UNINITIALIZED);
            } else if (i in target) {
              other_s = with_parent(() => /* @__PURE__ */ state(UNINITIALIZED));
              sources.set(i + "", other_s);
            }
          }
        }
        if (s === void 0) {
          if (!has || get_descriptor(target, prop2)?.writable) {
            s = with_parent(() => /* @__PURE__ */ state(void 0));
            set(s, proxy(value2));
            sources.set(prop2, s);
          }
        } else {
          has = s.v !== UNINITIALIZED;
          var p = with_parent(() => proxy(value2));
          set(s, p);
        }
        var descriptor = Reflect.getOwnPropertyDescriptor(target, prop2);
        if (descriptor?.set) {
          descriptor.set.call(receiver, value2);
        }
        if (!has) {
          if (is_proxied_array && typeof prop2 === "string") {
            var ls = (
              /** @type {Source<number>} */
              sources.get("length")
            );
            var n = Number(prop2);
            if (Number.isInteger(n) && n >= ls.v) {
              set(ls, n + 1);
            }
          }
          increment(version);
        }
        return true;
      },
      ownKeys(target) {
        get(version);
        var own_keys = Reflect.ownKeys(target).filter((key3) => {
          var source3 = sources.get(key3);
          return source3 === void 0 || source3.v !== UNINITIALIZED;
        });
        for (var [key2, source2] of sources) {
          if (source2.v !== UNINITIALIZED && !(key2 in target)) {
            own_keys.push(key2);
          }
        }
        return own_keys;
      },
      setPrototypeOf() {
        state_prototype_fixed();
      }
    }
  );
}
function get_proxied_value(value) {
  try {
    if (value !== null && typeof value === "object" && STATE_SYMBOL in value) {
      return value[STATE_SYMBOL];
    }
  } catch {
  }
  return value;
}
function is(a, b) {
  return Object.is(get_proxied_value(a), get_proxied_value(b));
}
var $window;
var is_firefox;
var first_child_getter;
var next_sibling_getter;
function init_operations() {
  if ($window !== void 0) {
    return;
  }
  $window = window;
  is_firefox = /Firefox/.test(navigator.userAgent);
  var element_prototype = Element.prototype;
  var node_prototype = Node.prototype;
  var text_prototype = Text.prototype;
  first_child_getter = get_descriptor(node_prototype, "firstChild").get;
  next_sibling_getter = get_descriptor(node_prototype, "nextSibling").get;
  if (is_extensible(element_prototype)) {
    element_prototype.__click = void 0;
    element_prototype.__className = void 0;
    element_prototype.__attributes = null;
    element_prototype.__style = void 0;
    element_prototype.__e = void 0;
  }
  if (is_extensible(text_prototype)) {
    text_prototype.__t = void 0;
  }
}
function create_text(value = "") {
  return document.createTextNode(value);
}
// @__NO_SIDE_EFFECTS__
function get_first_child(node) {
  return first_child_getter.call(node);
}
// @__NO_SIDE_EFFECTS__
function get_next_sibling(node) {
  return next_sibling_getter.call(node);
}
function child(node, is_text) {
  {
    return /* @__PURE__ */ get_first_child(node);
  }
}
function first_child(fragment, is_text = false) {
  {
    var first = (
      /** @type {DocumentFragment} */
      /* @__PURE__ */ get_first_child(
        /** @type {Node} */
        fragment
      )
    );
    if (first instanceof Comment && first.data === "") return /* @__PURE__ */ get_next_sibling(first);
    return first;
  }
}
function sibling(node, count = 1, is_text = false) {
  let next_sibling = node;
  while (count--) {
    next_sibling = /** @type {TemplateNode} */
    /* @__PURE__ */ get_next_sibling(next_sibling);
  }
  {
    return next_sibling;
  }
}
function clear_text_content(node) {
  node.textContent = "";
}
function should_defer_append() {
  return false;
}
let listening_to_form_reset = false;
function add_form_reset_listener() {
  if (!listening_to_form_reset) {
    listening_to_form_reset = true;
    document.addEventListener(
      "reset",
      (evt) => {
        Promise.resolve().then(() => {
          if (!evt.defaultPrevented) {
            for (
              const e of
              /**@type {HTMLFormElement} */
              evt.target.elements
            ) {
              e.__on_r?.();
            }
          }
        });
      },
      // In the capture phase to guarantee we get noticed of it (no possiblity of stopPropagation)
      { capture: true }
    );
  }
}
function without_reactive_context(fn) {
  var previous_reaction = active_reaction;
  var previous_effect = active_effect;
  set_active_reaction(null);
  set_active_effect(null);
  try {
    return fn();
  } finally {
    set_active_reaction(previous_reaction);
    set_active_effect(previous_effect);
  }
}
function listen_to_event_and_reset_event(element, event2, handler, on_reset = handler) {
  element.addEventListener(event2, () => without_reactive_context(handler));
  const prev = element.__on_r;
  if (prev) {
    element.__on_r = () => {
      prev();
      on_reset(true);
    };
  } else {
    element.__on_r = () => on_reset(true);
  }
  add_form_reset_listener();
}
function validate_effect(rune) {
  if (active_effect === null && active_reaction === null) {
    effect_orphan();
  }
  if (active_reaction !== null && (active_reaction.f & UNOWNED) !== 0 && active_effect === null) {
    effect_in_unowned_derived();
  }
  if (is_destroying_effect) {
    effect_in_teardown();
  }
}
function push_effect(effect2, parent_effect) {
  var parent_last = parent_effect.last;
  if (parent_last === null) {
    parent_effect.last = parent_effect.first = effect2;
  } else {
    parent_last.next = effect2;
    effect2.prev = parent_last;
    parent_effect.last = effect2;
  }
}
function create_effect(type, fn, sync, push2 = true) {
  var parent = active_effect;
  if (parent !== null && (parent.f & INERT) !== 0) {
    type |= INERT;
  }
  var effect2 = {
    ctx: component_context,
    deps: null,
    nodes_start: null,
    nodes_end: null,
    f: type | DIRTY,
    first: null,
    fn,
    last: null,
    next: null,
    parent,
    b: parent && parent.b,
    prev: null,
    teardown: null,
    transitions: null,
    wv: 0,
    ac: null
  };
  if (sync) {
    try {
      update_effect(effect2);
      effect2.f |= EFFECT_RAN;
    } catch (e2) {
      destroy_effect(effect2);
      throw e2;
    }
  } else if (fn !== null) {
    schedule_effect(effect2);
  }
  if (push2) {
    var e = effect2;
    if (sync && e.deps === null && e.teardown === null && e.nodes_start === null && e.first === e.last && // either `null`, or a singular child
    (e.f & EFFECT_PRESERVED) === 0) {
      e = e.first;
      if ((type & BLOCK_EFFECT) !== 0 && (type & EFFECT_TRANSPARENT) !== 0 && e !== null) {
        e.f |= EFFECT_TRANSPARENT;
      }
    }
    if (e !== null) {
      e.parent = parent;
      if (parent !== null) {
        push_effect(e, parent);
      }
      if (active_reaction !== null && (active_reaction.f & DERIVED) !== 0 && (type & ROOT_EFFECT) === 0) {
        var derived2 = (
          /** @type {Derived} */
          active_reaction
        );
        (derived2.effects ??= []).push(e);
      }
    }
  }
  return effect2;
}
function effect_tracking() {
  return active_reaction !== null && !untracking;
}
function teardown(fn) {
  const effect2 = create_effect(RENDER_EFFECT, null, false);
  set_signal_status(effect2, CLEAN);
  effect2.teardown = fn;
  return effect2;
}
function user_effect(fn) {
  validate_effect();
  var flags2 = (
    /** @type {Effect} */
    active_effect.f
  );
  var defer = !active_reaction && (flags2 & BRANCH_EFFECT) !== 0 && (flags2 & EFFECT_RAN) === 0;
  if (defer) {
    var context = (
      /** @type {ComponentContext} */
      component_context
    );
    (context.e ??= []).push(fn);
  } else {
    return create_user_effect(fn);
  }
}
function create_user_effect(fn) {
  return create_effect(EFFECT | USER_EFFECT, fn, false);
}
function component_root(fn) {
  Batch.ensure();
  const effect2 = create_effect(ROOT_EFFECT | EFFECT_PRESERVED, fn, true);
  return (options = {}) => {
    return new Promise((fulfil) => {
      if (options.outro) {
        pause_effect(effect2, () => {
          destroy_effect(effect2);
          fulfil(void 0);
        });
      } else {
        destroy_effect(effect2);
        fulfil(void 0);
      }
    });
  };
}
function effect(fn) {
  return create_effect(EFFECT, fn, false);
}
function async_effect(fn) {
  return create_effect(ASYNC | EFFECT_PRESERVED, fn, true);
}
function render_effect(fn, flags2 = 0) {
  return create_effect(RENDER_EFFECT | flags2, fn, true);
}
function template_effect(fn, sync = [], async = [], blockers = []) {
  flatten$1(blockers, sync, async, (values) => {
    create_effect(RENDER_EFFECT, () => fn(...values.map(get)), true);
  });
}
function block(fn, flags2 = 0) {
  var effect2 = create_effect(BLOCK_EFFECT | flags2, fn, true);
  return effect2;
}
function branch(fn, push2 = true) {
  return create_effect(BRANCH_EFFECT | EFFECT_PRESERVED, fn, true, push2);
}
function execute_effect_teardown(effect2) {
  var teardown2 = effect2.teardown;
  if (teardown2 !== null) {
    const previously_destroying_effect = is_destroying_effect;
    const previous_reaction = active_reaction;
    set_is_destroying_effect(true);
    set_active_reaction(null);
    try {
      teardown2.call(null);
    } finally {
      set_is_destroying_effect(previously_destroying_effect);
      set_active_reaction(previous_reaction);
    }
  }
}
function destroy_effect_children(signal, remove_dom = false) {
  var effect2 = signal.first;
  signal.first = signal.last = null;
  while (effect2 !== null) {
    const controller = effect2.ac;
    if (controller !== null) {
      without_reactive_context(() => {
        controller.abort(STALE_REACTION);
      });
    }
    var next = effect2.next;
    if ((effect2.f & ROOT_EFFECT) !== 0) {
      effect2.parent = null;
    } else {
      destroy_effect(effect2, remove_dom);
    }
    effect2 = next;
  }
}
function destroy_block_effect_children(signal) {
  var effect2 = signal.first;
  while (effect2 !== null) {
    var next = effect2.next;
    if ((effect2.f & BRANCH_EFFECT) === 0) {
      destroy_effect(effect2);
    }
    effect2 = next;
  }
}
function destroy_effect(effect2, remove_dom = true) {
  var removed = false;
  if ((remove_dom || (effect2.f & HEAD_EFFECT) !== 0) && effect2.nodes_start !== null && effect2.nodes_end !== null) {
    remove_effect_dom(
      effect2.nodes_start,
      /** @type {TemplateNode} */
      effect2.nodes_end
    );
    removed = true;
  }
  destroy_effect_children(effect2, remove_dom && !removed);
  remove_reactions(effect2, 0);
  set_signal_status(effect2, DESTROYED);
  var transitions = effect2.transitions;
  if (transitions !== null) {
    for (const transition of transitions) {
      transition.stop();
    }
  }
  execute_effect_teardown(effect2);
  var parent = effect2.parent;
  if (parent !== null && parent.first !== null) {
    unlink_effect(effect2);
  }
  effect2.next = effect2.prev = effect2.teardown = effect2.ctx = effect2.deps = effect2.fn = effect2.nodes_start = effect2.nodes_end = effect2.ac = null;
}
function remove_effect_dom(node, end) {
  while (node !== null) {
    var next = node === end ? null : (
      /** @type {TemplateNode} */
      /* @__PURE__ */ get_next_sibling(node)
    );
    node.remove();
    node = next;
  }
}
function unlink_effect(effect2) {
  var parent = effect2.parent;
  var prev = effect2.prev;
  var next = effect2.next;
  if (prev !== null) prev.next = next;
  if (next !== null) next.prev = prev;
  if (parent !== null) {
    if (parent.first === effect2) parent.first = next;
    if (parent.last === effect2) parent.last = prev;
  }
}
function pause_effect(effect2, callback, destroy = true) {
  var transitions = [];
  pause_children(effect2, transitions, true);
  run_out_transitions(transitions, () => {
    if (destroy) destroy_effect(effect2);
    if (callback) callback();
  });
}
function run_out_transitions(transitions, fn) {
  var remaining = transitions.length;
  if (remaining > 0) {
    var check = () => --remaining || fn();
    for (var transition of transitions) {
      transition.out(check);
    }
  } else {
    fn();
  }
}
function pause_children(effect2, transitions, local) {
  if ((effect2.f & INERT) !== 0) return;
  effect2.f ^= INERT;
  if (effect2.transitions !== null) {
    for (const transition of effect2.transitions) {
      if (transition.is_global || local) {
        transitions.push(transition);
      }
    }
  }
  var child2 = effect2.first;
  while (child2 !== null) {
    var sibling2 = child2.next;
    var transparent2 = (child2.f & EFFECT_TRANSPARENT) !== 0 || // If this is a branch effect without a block effect parent,
    // it means the parent block effect was pruned. In that case,
    // transparency information was transferred to the branch effect.
    (child2.f & BRANCH_EFFECT) !== 0 && (effect2.f & BLOCK_EFFECT) !== 0;
    pause_children(child2, transitions, transparent2 ? local : false);
    child2 = sibling2;
  }
}
function resume_effect(effect2) {
  resume_children(effect2, true);
}
function resume_children(effect2, local) {
  if ((effect2.f & INERT) === 0) return;
  effect2.f ^= INERT;
  if ((effect2.f & CLEAN) === 0) {
    set_signal_status(effect2, DIRTY);
    schedule_effect(effect2);
  }
  var child2 = effect2.first;
  while (child2 !== null) {
    var sibling2 = child2.next;
    var transparent2 = (child2.f & EFFECT_TRANSPARENT) !== 0 || (child2.f & BRANCH_EFFECT) !== 0;
    resume_children(child2, transparent2 ? local : false);
    child2 = sibling2;
  }
  if (effect2.transitions !== null) {
    for (const transition of effect2.transitions) {
      if (transition.is_global || local) {
        transition.in();
      }
    }
  }
}
function move_effect(effect2, fragment) {
  var node = effect2.nodes_start;
  var end = effect2.nodes_end;
  while (node !== null) {
    var next = node === end ? null : (
      /** @type {TemplateNode} */
      /* @__PURE__ */ get_next_sibling(node)
    );
    fragment.append(node);
    node = next;
  }
}
let is_updating_effect = false;
function set_is_updating_effect(value) {
  is_updating_effect = value;
}
let is_destroying_effect = false;
function set_is_destroying_effect(value) {
  is_destroying_effect = value;
}
let active_reaction = null;
let untracking = false;
function set_active_reaction(reaction) {
  active_reaction = reaction;
}
let active_effect = null;
function set_active_effect(effect2) {
  active_effect = effect2;
}
let current_sources = null;
function push_reaction_value(value) {
  if (active_reaction !== null && true) {
    if (current_sources === null) {
      current_sources = [value];
    } else {
      current_sources.push(value);
    }
  }
}
let new_deps = null;
let skipped_deps = 0;
let untracked_writes = null;
function set_untracked_writes(value) {
  untracked_writes = value;
}
let write_version = 1;
let read_version = 0;
let update_version = read_version;
function set_update_version(value) {
  update_version = value;
}
let skip_reaction = false;
function increment_write_version() {
  return ++write_version;
}
function is_dirty(reaction) {
  var flags2 = reaction.f;
  if ((flags2 & DIRTY) !== 0) {
    return true;
  }
  if ((flags2 & MAYBE_DIRTY) !== 0) {
    var dependencies = reaction.deps;
    var is_unowned = (flags2 & UNOWNED) !== 0;
    if (flags2 & DERIVED) {
      reaction.f &= ~WAS_MARKED;
    }
    if (dependencies !== null) {
      var i;
      var dependency;
      var is_disconnected = (flags2 & DISCONNECTED) !== 0;
      var is_unowned_connected = is_unowned && active_effect !== null && !skip_reaction;
      var length = dependencies.length;
      if ((is_disconnected || is_unowned_connected) && (active_effect === null || (active_effect.f & DESTROYED) === 0)) {
        var derived2 = (
          /** @type {Derived} */
          reaction
        );
        var parent = derived2.parent;
        for (i = 0; i < length; i++) {
          dependency = dependencies[i];
          if (is_disconnected || !dependency?.reactions?.includes(derived2)) {
            (dependency.reactions ??= []).push(derived2);
          }
        }
        if (is_disconnected) {
          derived2.f ^= DISCONNECTED;
        }
        if (is_unowned_connected && parent !== null && (parent.f & UNOWNED) === 0) {
          derived2.f ^= UNOWNED;
        }
      }
      for (i = 0; i < length; i++) {
        dependency = dependencies[i];
        if (is_dirty(
          /** @type {Derived} */
          dependency
        )) {
          update_derived(
            /** @type {Derived} */
            dependency
          );
        }
        if (dependency.wv > reaction.wv) {
          return true;
        }
      }
    }
    if (!is_unowned || active_effect !== null && !skip_reaction) {
      set_signal_status(reaction, CLEAN);
    }
  }
  return false;
}
function schedule_possible_effect_self_invalidation(signal, effect2, root2 = true) {
  var reactions = signal.reactions;
  if (reactions === null) return;
  if (current_sources?.includes(signal)) {
    return;
  }
  for (var i = 0; i < reactions.length; i++) {
    var reaction = reactions[i];
    if ((reaction.f & DERIVED) !== 0) {
      schedule_possible_effect_self_invalidation(
        /** @type {Derived} */
        reaction,
        effect2,
        false
      );
    } else if (effect2 === reaction) {
      if (root2) {
        set_signal_status(reaction, DIRTY);
      } else if ((reaction.f & CLEAN) !== 0) {
        set_signal_status(reaction, MAYBE_DIRTY);
      }
      schedule_effect(
        /** @type {Effect} */
        reaction
      );
    }
  }
}
function update_reaction(reaction) {
  var previous_deps = new_deps;
  var previous_skipped_deps = skipped_deps;
  var previous_untracked_writes = untracked_writes;
  var previous_reaction = active_reaction;
  var previous_skip_reaction = skip_reaction;
  var previous_sources = current_sources;
  var previous_component_context = component_context;
  var previous_untracking = untracking;
  var previous_update_version = update_version;
  var flags2 = reaction.f;
  new_deps = /** @type {null | Value[]} */
  null;
  skipped_deps = 0;
  untracked_writes = null;
  skip_reaction = (flags2 & UNOWNED) !== 0 && (untracking || !is_updating_effect || active_reaction === null);
  active_reaction = (flags2 & (BRANCH_EFFECT | ROOT_EFFECT)) === 0 ? reaction : null;
  current_sources = null;
  set_component_context(reaction.ctx);
  untracking = false;
  update_version = ++read_version;
  if (reaction.ac !== null) {
    without_reactive_context(() => {
      reaction.ac.abort(STALE_REACTION);
    });
    reaction.ac = null;
  }
  try {
    reaction.f |= REACTION_IS_UPDATING;
    var fn = (
      /** @type {Function} */
      reaction.fn
    );
    var result = fn();
    var deps = reaction.deps;
    if (new_deps !== null) {
      var i;
      remove_reactions(reaction, skipped_deps);
      if (deps !== null && skipped_deps > 0) {
        deps.length = skipped_deps + new_deps.length;
        for (i = 0; i < new_deps.length; i++) {
          deps[skipped_deps + i] = new_deps[i];
        }
      } else {
        reaction.deps = deps = new_deps;
      }
      if (!skip_reaction || // Deriveds that already have reactions can cleanup, so we still add them as reactions
      (flags2 & DERIVED) !== 0 && /** @type {import('#client').Derived} */
      reaction.reactions !== null) {
        for (i = skipped_deps; i < deps.length; i++) {
          (deps[i].reactions ??= []).push(reaction);
        }
      }
    } else if (deps !== null && skipped_deps < deps.length) {
      remove_reactions(reaction, skipped_deps);
      deps.length = skipped_deps;
    }
    if (is_runes() && untracked_writes !== null && !untracking && deps !== null && (reaction.f & (DERIVED | MAYBE_DIRTY | DIRTY)) === 0) {
      for (i = 0; i < /** @type {Source[]} */
      untracked_writes.length; i++) {
        schedule_possible_effect_self_invalidation(
          untracked_writes[i],
          /** @type {Effect} */
          reaction
        );
      }
    }
    if (previous_reaction !== null && previous_reaction !== reaction) {
      read_version++;
      if (untracked_writes !== null) {
        if (previous_untracked_writes === null) {
          previous_untracked_writes = untracked_writes;
        } else {
          previous_untracked_writes.push(.../** @type {Source[]} */
          untracked_writes);
        }
      }
    }
    if ((reaction.f & ERROR_VALUE) !== 0) {
      reaction.f ^= ERROR_VALUE;
    }
    return result;
  } catch (error) {
    return handle_error(error);
  } finally {
    reaction.f ^= REACTION_IS_UPDATING;
    new_deps = previous_deps;
    skipped_deps = previous_skipped_deps;
    untracked_writes = previous_untracked_writes;
    active_reaction = previous_reaction;
    skip_reaction = previous_skip_reaction;
    current_sources = previous_sources;
    set_component_context(previous_component_context);
    untracking = previous_untracking;
    update_version = previous_update_version;
  }
}
function remove_reaction(signal, dependency) {
  let reactions = dependency.reactions;
  if (reactions !== null) {
    var index2 = index_of.call(reactions, signal);
    if (index2 !== -1) {
      var new_length = reactions.length - 1;
      if (new_length === 0) {
        reactions = dependency.reactions = null;
      } else {
        reactions[index2] = reactions[new_length];
        reactions.pop();
      }
    }
  }
  if (reactions === null && (dependency.f & DERIVED) !== 0 && // Destroying a child effect while updating a parent effect can cause a dependency to appear
  // to be unused, when in fact it is used by the currently-updating parent. Checking `new_deps`
  // allows us to skip the expensive work of disconnecting and immediately reconnecting it
  (new_deps === null || !new_deps.includes(dependency))) {
    set_signal_status(dependency, MAYBE_DIRTY);
    if ((dependency.f & (UNOWNED | DISCONNECTED)) === 0) {
      dependency.f ^= DISCONNECTED;
    }
    destroy_derived_effects(
      /** @type {Derived} **/
      dependency
    );
    remove_reactions(
      /** @type {Derived} **/
      dependency,
      0
    );
  }
}
function remove_reactions(signal, start_index) {
  var dependencies = signal.deps;
  if (dependencies === null) return;
  for (var i = start_index; i < dependencies.length; i++) {
    remove_reaction(signal, dependencies[i]);
  }
}
function update_effect(effect2) {
  var flags2 = effect2.f;
  if ((flags2 & DESTROYED) !== 0) {
    return;
  }
  set_signal_status(effect2, CLEAN);
  var previous_effect = active_effect;
  var was_updating_effect = is_updating_effect;
  active_effect = effect2;
  is_updating_effect = true;
  try {
    if ((flags2 & BLOCK_EFFECT) !== 0) {
      destroy_block_effect_children(effect2);
    } else {
      destroy_effect_children(effect2);
    }
    execute_effect_teardown(effect2);
    var teardown2 = update_reaction(effect2);
    effect2.teardown = typeof teardown2 === "function" ? teardown2 : null;
    effect2.wv = write_version;
    var dep;
    if (DEV && tracing_mode_flag && (effect2.f & DIRTY) !== 0 && effect2.deps !== null) ;
  } finally {
    is_updating_effect = was_updating_effect;
    active_effect = previous_effect;
  }
}
async function tick() {
  await Promise.resolve();
  flushSync();
}
function get(signal) {
  var flags2 = signal.f;
  var is_derived = (flags2 & DERIVED) !== 0;
  if (active_reaction !== null && !untracking) {
    var destroyed = active_effect !== null && (active_effect.f & DESTROYED) !== 0;
    if (!destroyed && !current_sources?.includes(signal)) {
      var deps = active_reaction.deps;
      if ((active_reaction.f & REACTION_IS_UPDATING) !== 0) {
        if (signal.rv < read_version) {
          signal.rv = read_version;
          if (new_deps === null && deps !== null && deps[skipped_deps] === signal) {
            skipped_deps++;
          } else if (new_deps === null) {
            new_deps = [signal];
          } else if (!skip_reaction || !new_deps.includes(signal)) {
            new_deps.push(signal);
          }
        }
      } else {
        (active_reaction.deps ??= []).push(signal);
        var reactions = signal.reactions;
        if (reactions === null) {
          signal.reactions = [active_reaction];
        } else if (!reactions.includes(active_reaction)) {
          reactions.push(active_reaction);
        }
      }
    }
  } else if (is_derived && /** @type {Derived} */
  signal.deps === null && /** @type {Derived} */
  signal.effects === null) {
    var derived2 = (
      /** @type {Derived} */
      signal
    );
    var parent = derived2.parent;
    if (parent !== null && (parent.f & UNOWNED) === 0) {
      derived2.f ^= UNOWNED;
    }
  }
  if (is_destroying_effect) {
    if (old_values.has(signal)) {
      return old_values.get(signal);
    }
    if (is_derived) {
      derived2 = /** @type {Derived} */
      signal;
      var value = derived2.v;
      if ((derived2.f & CLEAN) === 0 && derived2.reactions !== null || depends_on_old_values(derived2)) {
        value = execute_derived(derived2);
      }
      old_values.set(derived2, value);
      return value;
    }
  } else if (is_derived) {
    derived2 = /** @type {Derived} */
    signal;
    if (batch_values?.has(derived2)) {
      return batch_values.get(derived2);
    }
    if (is_dirty(derived2)) {
      update_derived(derived2);
    }
  }
  if (batch_values?.has(signal)) {
    return batch_values.get(signal);
  }
  if ((signal.f & ERROR_VALUE) !== 0) {
    throw signal.v;
  }
  return signal.v;
}
function depends_on_old_values(derived2) {
  if (derived2.v === UNINITIALIZED) return true;
  if (derived2.deps === null) return false;
  for (const dep of derived2.deps) {
    if (old_values.has(dep)) {
      return true;
    }
    if ((dep.f & DERIVED) !== 0 && depends_on_old_values(
      /** @type {Derived} */
      dep
    )) {
      return true;
    }
  }
  return false;
}
function untrack(fn) {
  var previous_untracking = untracking;
  try {
    untracking = true;
    return fn();
  } finally {
    untracking = previous_untracking;
  }
}
const STATUS_MASK = -7169;
function set_signal_status(signal, status) {
  signal.f = signal.f & STATUS_MASK | status;
}
const PASSIVE_EVENTS = ["touchstart", "touchmove"];
function is_passive_event(name) {
  return PASSIVE_EVENTS.includes(name);
}
const all_registered_events = /* @__PURE__ */ new Set();
const root_event_handles = /* @__PURE__ */ new Set();
function create_event(event_name, dom, handler, options = {}) {
  function target_handler(event2) {
    if (!options.capture) {
      handle_event_propagation.call(dom, event2);
    }
    if (!event2.cancelBubble) {
      return without_reactive_context(() => {
        return handler?.call(this, event2);
      });
    }
  }
  if (event_name.startsWith("pointer") || event_name.startsWith("touch") || event_name === "wheel") {
    queue_micro_task(() => {
      dom.addEventListener(event_name, target_handler, options);
    });
  } else {
    dom.addEventListener(event_name, target_handler, options);
  }
  return target_handler;
}
function event(event_name, dom, handler, capture2, passive) {
  var options = { capture: capture2, passive };
  var target_handler = create_event(event_name, dom, handler, options);
  if (dom === document.body || // @ts-ignore
  dom === window || // @ts-ignore
  dom === document || // Firefox has quirky behavior, it can happen that we still get "canplay" events when the element is already removed
  dom instanceof HTMLMediaElement) {
    teardown(() => {
      dom.removeEventListener(event_name, target_handler, options);
    });
  }
}
function delegate(events) {
  for (var i = 0; i < events.length; i++) {
    all_registered_events.add(events[i]);
  }
  for (var fn of root_event_handles) {
    fn(events);
  }
}
let last_propagated_event = null;
function handle_event_propagation(event2) {
  var handler_element = this;
  var owner_document = (
    /** @type {Node} */
    handler_element.ownerDocument
  );
  var event_name = event2.type;
  var path = event2.composedPath?.() || [];
  var current_target = (
    /** @type {null | Element} */
    path[0] || event2.target
  );
  last_propagated_event = event2;
  var path_idx = 0;
  var handled_at = last_propagated_event === event2 && event2.__root;
  if (handled_at) {
    var at_idx = path.indexOf(handled_at);
    if (at_idx !== -1 && (handler_element === document || handler_element === /** @type {any} */
    window)) {
      event2.__root = handler_element;
      return;
    }
    var handler_idx = path.indexOf(handler_element);
    if (handler_idx === -1) {
      return;
    }
    if (at_idx <= handler_idx) {
      path_idx = at_idx;
    }
  }
  current_target = /** @type {Element} */
  path[path_idx] || event2.target;
  if (current_target === handler_element) return;
  define_property(event2, "currentTarget", {
    configurable: true,
    get() {
      return current_target || owner_document;
    }
  });
  var previous_reaction = active_reaction;
  var previous_effect = active_effect;
  set_active_reaction(null);
  set_active_effect(null);
  try {
    var throw_error;
    var other_errors = [];
    while (current_target !== null) {
      var parent_element = current_target.assignedSlot || current_target.parentNode || /** @type {any} */
      current_target.host || null;
      try {
        var delegated = current_target["__" + event_name];
        if (delegated != null && (!/** @type {any} */
        current_target.disabled || // DOM could've been updated already by the time this is reached, so we check this as well
        // -> the target could not have been disabled because it emits the event in the first place
        event2.target === current_target)) {
          delegated.call(current_target, event2);
        }
      } catch (error) {
        if (throw_error) {
          other_errors.push(error);
        } else {
          throw_error = error;
        }
      }
      if (event2.cancelBubble || parent_element === handler_element || parent_element === null) {
        break;
      }
      current_target = parent_element;
    }
    if (throw_error) {
      for (let error of other_errors) {
        queueMicrotask(() => {
          throw error;
        });
      }
      throw throw_error;
    }
  } finally {
    event2.__root = handler_element;
    delete event2.currentTarget;
    set_active_reaction(previous_reaction);
    set_active_effect(previous_effect);
  }
}
function create_fragment_from_html(html) {
  var elem = document.createElement("template");
  elem.innerHTML = html.replaceAll("<!>", "<!---->");
  return elem.content;
}
function assign_nodes(start2, end) {
  var effect2 = (
    /** @type {Effect} */
    active_effect
  );
  if (effect2.nodes_start === null) {
    effect2.nodes_start = start2;
    effect2.nodes_end = end;
  }
}
// @__NO_SIDE_EFFECTS__
function from_html(content, flags2) {
  var is_fragment = (flags2 & TEMPLATE_FRAGMENT) !== 0;
  var use_import_node = (flags2 & TEMPLATE_USE_IMPORT_NODE) !== 0;
  var node;
  var has_start = !content.startsWith("<!>");
  return () => {
    if (node === void 0) {
      node = create_fragment_from_html(has_start ? content : "<!>" + content);
      if (!is_fragment) node = /** @type {Node} */
      /* @__PURE__ */ get_first_child(node);
    }
    var clone = (
      /** @type {TemplateNode} */
      use_import_node || is_firefox ? document.importNode(node, true) : node.cloneNode(true)
    );
    if (is_fragment) {
      var start2 = (
        /** @type {TemplateNode} */
        /* @__PURE__ */ get_first_child(clone)
      );
      var end = (
        /** @type {TemplateNode} */
        clone.lastChild
      );
      assign_nodes(start2, end);
    } else {
      assign_nodes(clone, clone);
    }
    return clone;
  };
}
// @__NO_SIDE_EFFECTS__
function from_namespace(content, flags2, ns = "svg") {
  var has_start = !content.startsWith("<!>");
  var is_fragment = (flags2 & TEMPLATE_FRAGMENT) !== 0;
  var wrapped = `<${ns}>${has_start ? content : "<!>" + content}</${ns}>`;
  var node;
  return () => {
    if (!node) {
      var fragment = (
        /** @type {DocumentFragment} */
        create_fragment_from_html(wrapped)
      );
      var root2 = (
        /** @type {Element} */
        /* @__PURE__ */ get_first_child(fragment)
      );
      if (is_fragment) {
        node = document.createDocumentFragment();
        while (/* @__PURE__ */ get_first_child(root2)) {
          node.appendChild(
            /** @type {Node} */
            /* @__PURE__ */ get_first_child(root2)
          );
        }
      } else {
        node = /** @type {Element} */
        /* @__PURE__ */ get_first_child(root2);
      }
    }
    var clone = (
      /** @type {TemplateNode} */
      node.cloneNode(true)
    );
    if (is_fragment) {
      var start2 = (
        /** @type {TemplateNode} */
        /* @__PURE__ */ get_first_child(clone)
      );
      var end = (
        /** @type {TemplateNode} */
        clone.lastChild
      );
      assign_nodes(start2, end);
    } else {
      assign_nodes(clone, clone);
    }
    return clone;
  };
}
// @__NO_SIDE_EFFECTS__
function from_svg(content, flags2) {
  return /* @__PURE__ */ from_namespace(content, flags2, "svg");
}
function text(value = "") {
  {
    var t = create_text(value + "");
    assign_nodes(t, t);
    return t;
  }
}
function comment() {
  var frag = document.createDocumentFragment();
  var start2 = document.createComment("");
  var anchor = create_text();
  frag.append(start2, anchor);
  assign_nodes(start2, anchor);
  return frag;
}
function append(anchor, dom) {
  if (anchor === null) {
    return;
  }
  anchor.before(
    /** @type {Node} */
    dom
  );
}
function set_text(text2, value) {
  var str = value == null ? "" : typeof value === "object" ? value + "" : value;
  if (str !== (text2.__t ??= text2.nodeValue)) {
    text2.__t = str;
    text2.nodeValue = str + "";
  }
}
function mount(component, options) {
  return _mount(component, options);
}
const document_listeners = /* @__PURE__ */ new Map();
function _mount(Component, { target, anchor, props = {}, events, context, intro = true }) {
  init_operations();
  var registered_events = /* @__PURE__ */ new Set();
  var event_handle = (events2) => {
    for (var i = 0; i < events2.length; i++) {
      var event_name = events2[i];
      if (registered_events.has(event_name)) continue;
      registered_events.add(event_name);
      var passive = is_passive_event(event_name);
      target.addEventListener(event_name, handle_event_propagation, { passive });
      var n = document_listeners.get(event_name);
      if (n === void 0) {
        document.addEventListener(event_name, handle_event_propagation, { passive });
        document_listeners.set(event_name, 1);
      } else {
        document_listeners.set(event_name, n + 1);
      }
    }
  };
  event_handle(array_from(all_registered_events));
  root_event_handles.add(event_handle);
  var component = void 0;
  var unmount = component_root(() => {
    var anchor_node = anchor ?? target.appendChild(create_text());
    boundary(
      /** @type {TemplateNode} */
      anchor_node,
      {
        pending: () => {
        }
      },
      (anchor_node2) => {
        if (context) {
          push({});
          var ctx = (
            /** @type {ComponentContext} */
            component_context
          );
          ctx.c = context;
        }
        if (events) {
          props.$$events = events;
        }
        component = Component(anchor_node2, props) || {};
        if (context) {
          pop();
        }
      }
    );
    return () => {
      for (var event_name of registered_events) {
        target.removeEventListener(event_name, handle_event_propagation);
        var n = (
          /** @type {number} */
          document_listeners.get(event_name)
        );
        if (--n === 0) {
          document.removeEventListener(event_name, handle_event_propagation);
          document_listeners.delete(event_name);
        } else {
          document_listeners.set(event_name, n);
        }
      }
      root_event_handles.delete(event_handle);
      if (anchor_node !== anchor) {
        anchor_node.parentNode?.removeChild(anchor_node);
      }
    };
  });
  mounted_components.set(component, unmount);
  return component;
}
let mounted_components = /* @__PURE__ */ new WeakMap();
class BranchManager {
  /** @type {TemplateNode} */
  anchor;
  /** @type {Map<Batch, Key>} */
  #batches = /* @__PURE__ */ new Map();
  /** @type {Map<Key, Effect>} */
  #onscreen = /* @__PURE__ */ new Map();
  /** @type {Map<Key, Branch>} */
  #offscreen = /* @__PURE__ */ new Map();
  /**
   * Whether to pause (i.e. outro) on change, or destroy immediately.
   * This is necessary for `<svelte:element>`
   */
  #transition = true;
  /**
   * @param {TemplateNode} anchor
   * @param {boolean} transition
   */
  constructor(anchor, transition = true) {
    this.anchor = anchor;
    this.#transition = transition;
  }
  #commit = () => {
    var batch = (
      /** @type {Batch} */
      current_batch
    );
    if (!this.#batches.has(batch)) return;
    var key2 = (
      /** @type {Key} */
      this.#batches.get(batch)
    );
    var onscreen = this.#onscreen.get(key2);
    if (onscreen) {
      resume_effect(onscreen);
    } else {
      var offscreen = this.#offscreen.get(key2);
      if (offscreen) {
        this.#onscreen.set(key2, offscreen.effect);
        this.#offscreen.delete(key2);
        offscreen.fragment.lastChild.remove();
        this.anchor.before(offscreen.fragment);
        onscreen = offscreen.effect;
      }
    }
    for (const [b, k] of this.#batches) {
      this.#batches.delete(b);
      if (b === batch) {
        break;
      }
      const offscreen2 = this.#offscreen.get(k);
      if (offscreen2) {
        destroy_effect(offscreen2.effect);
        this.#offscreen.delete(k);
      }
    }
    for (const [k, effect2] of this.#onscreen) {
      if (k === key2) continue;
      const on_destroy = () => {
        const keys = Array.from(this.#batches.values());
        if (keys.includes(k)) {
          var fragment = document.createDocumentFragment();
          move_effect(effect2, fragment);
          fragment.append(create_text());
          this.#offscreen.set(k, { effect: effect2, fragment });
        } else {
          destroy_effect(effect2);
        }
        this.#onscreen.delete(k);
      };
      if (this.#transition || !onscreen) {
        pause_effect(effect2, on_destroy, false);
      } else {
        on_destroy();
      }
    }
  };
  /**
   * @param {Batch} batch
   */
  #discard = (batch) => {
    this.#batches.delete(batch);
    const keys = Array.from(this.#batches.values());
    for (const [k, branch2] of this.#offscreen) {
      if (!keys.includes(k)) {
        destroy_effect(branch2.effect);
        this.#offscreen.delete(k);
      }
    }
  };
  /**
   *
   * @param {any} key
   * @param {null | ((target: TemplateNode) => void)} fn
   */
  ensure(key2, fn) {
    var batch = (
      /** @type {Batch} */
      current_batch
    );
    var defer = should_defer_append();
    if (fn && !this.#onscreen.has(key2) && !this.#offscreen.has(key2)) {
      if (defer) {
        var fragment = document.createDocumentFragment();
        var target = create_text();
        fragment.append(target);
        this.#offscreen.set(key2, {
          effect: branch(() => fn(target)),
          fragment
        });
      } else {
        this.#onscreen.set(
          key2,
          branch(() => fn(this.anchor))
        );
      }
    }
    this.#batches.set(batch, key2);
    if (defer) {
      for (const [k, effect2] of this.#onscreen) {
        if (k === key2) {
          batch.skipped_effects.delete(effect2);
        } else {
          batch.skipped_effects.add(effect2);
        }
      }
      for (const [k, branch2] of this.#offscreen) {
        if (k === key2) {
          batch.skipped_effects.delete(branch2.effect);
        } else {
          batch.skipped_effects.add(branch2.effect);
        }
      }
      batch.oncommit(this.#commit);
      batch.ondiscard(this.#discard);
    } else {
      this.#commit();
    }
  }
}
function if_block(node, fn, elseif = false) {
  var branches = new BranchManager(node);
  var flags2 = elseif ? EFFECT_TRANSPARENT : 0;
  function update_branch(condition, fn2) {
    branches.ensure(condition, fn2);
  }
  block(() => {
    var has_branch = false;
    fn((fn2, flag = true) => {
      has_branch = true;
      update_branch(flag, fn2);
    });
    if (!has_branch) {
      update_branch(false, null);
    }
  }, flags2);
}
function key(node, get_key, render_fn) {
  var branches = new BranchManager(node);
  block(() => {
    var key2 = get_key();
    branches.ensure(key2, render_fn);
  });
}
function index(_2, i) {
  return i;
}
function pause_effects(state2, items, controlled_anchor) {
  var items_map = state2.items;
  var transitions = [];
  var length = items.length;
  for (var i = 0; i < length; i++) {
    pause_children(items[i].e, transitions, true);
  }
  var is_controlled = length > 0 && transitions.length === 0 && controlled_anchor !== null;
  if (is_controlled) {
    var parent_node = (
      /** @type {Element} */
      /** @type {Element} */
      controlled_anchor.parentNode
    );
    clear_text_content(parent_node);
    parent_node.append(
      /** @type {Element} */
      controlled_anchor
    );
    items_map.clear();
    link(state2, items[0].prev, items[length - 1].next);
  }
  run_out_transitions(transitions, () => {
    for (var i2 = 0; i2 < length; i2++) {
      var item = items[i2];
      if (!is_controlled) {
        items_map.delete(item.k);
        link(state2, item.prev, item.next);
      }
      destroy_effect(item.e, !is_controlled);
    }
  });
}
function each(node, flags2, get_collection, get_key, render_fn, fallback_fn = null) {
  var anchor = node;
  var state2 = { flags: flags2, items: /* @__PURE__ */ new Map(), first: null };
  var is_controlled = (flags2 & EACH_IS_CONTROLLED) !== 0;
  if (is_controlled) {
    var parent_node = (
      /** @type {Element} */
      node
    );
    anchor = parent_node.appendChild(create_text());
  }
  var fallback = null;
  var was_empty = false;
  var offscreen_items = /* @__PURE__ */ new Map();
  var each_array = /* @__PURE__ */ derived_safe_equal(() => {
    var collection = get_collection();
    return is_array(collection) ? collection : collection == null ? [] : array_from(collection);
  });
  var array;
  var each_effect;
  function commit() {
    reconcile(
      each_effect,
      array,
      state2,
      offscreen_items,
      anchor,
      render_fn,
      flags2,
      get_key,
      get_collection
    );
    if (fallback_fn !== null) {
      if (array.length === 0) {
        if (fallback) {
          resume_effect(fallback);
        } else {
          fallback = branch(() => fallback_fn(anchor));
        }
      } else if (fallback !== null) {
        pause_effect(fallback, () => {
          fallback = null;
        });
      }
    }
  }
  block(() => {
    each_effect ??= /** @type {Effect} */
    active_effect;
    array = /** @type {V[]} */
    get(each_array);
    var length = array.length;
    if (was_empty && length === 0) {
      return;
    }
    was_empty = length === 0;
    var item, i, value, key2;
    {
      if (should_defer_append()) {
        var keys = /* @__PURE__ */ new Set();
        var batch = (
          /** @type {Batch} */
          current_batch
        );
        for (i = 0; i < length; i += 1) {
          value = array[i];
          key2 = get_key(value, i);
          var existing = state2.items.get(key2) ?? offscreen_items.get(key2);
          if (existing) {
            if ((flags2 & (EACH_ITEM_REACTIVE | EACH_INDEX_REACTIVE)) !== 0) {
              update_item(existing, value, i, flags2);
            }
          } else {
            item = create_item(
              null,
              state2,
              null,
              null,
              value,
              key2,
              i,
              render_fn,
              flags2,
              get_collection,
              true
            );
            offscreen_items.set(key2, item);
          }
          keys.add(key2);
        }
        for (const [key3, item2] of state2.items) {
          if (!keys.has(key3)) {
            batch.skipped_effects.add(item2.e);
          }
        }
        batch.oncommit(commit);
      } else {
        commit();
      }
    }
    get(each_array);
  });
}
function reconcile(each_effect, array, state2, offscreen_items, anchor, render_fn, flags2, get_key, get_collection) {
  var is_animated = (flags2 & EACH_IS_ANIMATED) !== 0;
  var should_update = (flags2 & (EACH_ITEM_REACTIVE | EACH_INDEX_REACTIVE)) !== 0;
  var length = array.length;
  var items = state2.items;
  var first = state2.first;
  var current = first;
  var seen;
  var prev = null;
  var to_animate;
  var matched = [];
  var stashed = [];
  var value;
  var key2;
  var item;
  var i;
  if (is_animated) {
    for (i = 0; i < length; i += 1) {
      value = array[i];
      key2 = get_key(value, i);
      item = items.get(key2);
      if (item !== void 0) {
        item.a?.measure();
        (to_animate ??= /* @__PURE__ */ new Set()).add(item);
      }
    }
  }
  for (i = 0; i < length; i += 1) {
    value = array[i];
    key2 = get_key(value, i);
    item = items.get(key2);
    if (item === void 0) {
      var pending = offscreen_items.get(key2);
      if (pending !== void 0) {
        offscreen_items.delete(key2);
        items.set(key2, pending);
        var next = prev ? prev.next : current;
        link(state2, prev, pending);
        link(state2, pending, next);
        move(pending, next, anchor);
        prev = pending;
      } else {
        var child_anchor = current ? (
          /** @type {TemplateNode} */
          current.e.nodes_start
        ) : anchor;
        prev = create_item(
          child_anchor,
          state2,
          prev,
          prev === null ? state2.first : prev.next,
          value,
          key2,
          i,
          render_fn,
          flags2,
          get_collection
        );
      }
      items.set(key2, prev);
      matched = [];
      stashed = [];
      current = prev.next;
      continue;
    }
    if (should_update) {
      update_item(item, value, i, flags2);
    }
    if ((item.e.f & INERT) !== 0) {
      resume_effect(item.e);
      if (is_animated) {
        item.a?.unfix();
        (to_animate ??= /* @__PURE__ */ new Set()).delete(item);
      }
    }
    if (item !== current) {
      if (seen !== void 0 && seen.has(item)) {
        if (matched.length < stashed.length) {
          var start2 = stashed[0];
          var j;
          prev = start2.prev;
          var a = matched[0];
          var b = matched[matched.length - 1];
          for (j = 0; j < matched.length; j += 1) {
            move(matched[j], start2, anchor);
          }
          for (j = 0; j < stashed.length; j += 1) {
            seen.delete(stashed[j]);
          }
          link(state2, a.prev, b.next);
          link(state2, prev, a);
          link(state2, b, start2);
          current = start2;
          prev = b;
          i -= 1;
          matched = [];
          stashed = [];
        } else {
          seen.delete(item);
          move(item, current, anchor);
          link(state2, item.prev, item.next);
          link(state2, item, prev === null ? state2.first : prev.next);
          link(state2, prev, item);
          prev = item;
        }
        continue;
      }
      matched = [];
      stashed = [];
      while (current !== null && current.k !== key2) {
        if ((current.e.f & INERT) === 0) {
          (seen ??= /* @__PURE__ */ new Set()).add(current);
        }
        stashed.push(current);
        current = current.next;
      }
      if (current === null) {
        continue;
      }
      item = current;
    }
    matched.push(item);
    prev = item;
    current = item.next;
  }
  if (current !== null || seen !== void 0) {
    var to_destroy = seen === void 0 ? [] : array_from(seen);
    while (current !== null) {
      if ((current.e.f & INERT) === 0) {
        to_destroy.push(current);
      }
      current = current.next;
    }
    var destroy_length = to_destroy.length;
    if (destroy_length > 0) {
      var controlled_anchor = (flags2 & EACH_IS_CONTROLLED) !== 0 && length === 0 ? anchor : null;
      if (is_animated) {
        for (i = 0; i < destroy_length; i += 1) {
          to_destroy[i].a?.measure();
        }
        for (i = 0; i < destroy_length; i += 1) {
          to_destroy[i].a?.fix();
        }
      }
      pause_effects(state2, to_destroy, controlled_anchor);
    }
  }
  if (is_animated) {
    queue_micro_task(() => {
      if (to_animate === void 0) return;
      for (item of to_animate) {
        item.a?.apply();
      }
    });
  }
  each_effect.first = state2.first && state2.first.e;
  each_effect.last = prev && prev.e;
  for (var unused of offscreen_items.values()) {
    destroy_effect(unused.e);
  }
  offscreen_items.clear();
}
function update_item(item, value, index2, type) {
  if ((type & EACH_ITEM_REACTIVE) !== 0) {
    internal_set(item.v, value);
  }
  if ((type & EACH_INDEX_REACTIVE) !== 0) {
    internal_set(
      /** @type {Value<number>} */
      item.i,
      index2
    );
  } else {
    item.i = index2;
  }
}
function create_item(anchor, state2, prev, next, value, key2, index2, render_fn, flags2, get_collection, deferred2) {
  var reactive = (flags2 & EACH_ITEM_REACTIVE) !== 0;
  var mutable = (flags2 & EACH_ITEM_IMMUTABLE) === 0;
  var v = reactive ? mutable ? /* @__PURE__ */ mutable_source(value, false, false) : source(value) : value;
  var i = (flags2 & EACH_INDEX_REACTIVE) === 0 ? index2 : source(index2);
  var item = {
    i,
    v,
    k: key2,
    a: null,
    // @ts-expect-error
    e: null,
    prev,
    next
  };
  try {
    if (anchor === null) {
      var fragment = document.createDocumentFragment();
      fragment.append(anchor = create_text());
    }
    item.e = branch(() => render_fn(
      /** @type {Node} */
      anchor,
      v,
      i,
      get_collection
    ), hydrating);
    item.e.prev = prev && prev.e;
    item.e.next = next && next.e;
    if (prev === null) {
      if (!deferred2) {
        state2.first = item;
      }
    } else {
      prev.next = item;
      prev.e.next = item.e;
    }
    if (next !== null) {
      next.prev = item;
      next.e.prev = item.e;
    }
    return item;
  } finally {
  }
}
function move(item, next, anchor) {
  var end = item.next ? (
    /** @type {TemplateNode} */
    item.next.e.nodes_start
  ) : anchor;
  var dest = next ? (
    /** @type {TemplateNode} */
    next.e.nodes_start
  ) : anchor;
  var node = (
    /** @type {TemplateNode} */
    item.e.nodes_start
  );
  while (node !== null && node !== end) {
    var next_node = (
      /** @type {TemplateNode} */
      /* @__PURE__ */ get_next_sibling(node)
    );
    dest.before(node);
    node = next_node;
  }
}
function link(state2, prev, next) {
  if (prev === null) {
    state2.first = next;
  } else {
    prev.next = next;
    prev.e.next = next && next.e;
  }
  if (next !== null) {
    next.prev = prev;
    next.e.prev = prev && prev.e;
  }
}
function r(e) {
  var t, f, n = "";
  if ("string" == typeof e || "number" == typeof e) n += e;
  else if ("object" == typeof e) if (Array.isArray(e)) {
    var o = e.length;
    for (t = 0; t < o; t++) e[t] && (f = r(e[t])) && (n && (n += " "), n += f);
  } else for (f in e) e[f] && (n && (n += " "), n += f);
  return n;
}
function clsx$1() {
  for (var e, t, f = 0, n = "", o = arguments.length; f < o; f++) (e = arguments[f]) && (t = r(e)) && (n && (n += " "), n += t);
  return n;
}
function clsx(value) {
  if (typeof value === "object") {
    return clsx$1(value);
  } else {
    return value ?? "";
  }
}
const whitespace = [..." 	\n\r\f \v\uFEFF"];
function to_class(value, hash, directives) {
  var classname = value == null ? "" : "" + value;
  if (hash) {
    classname = classname ? classname + " " + hash : hash;
  }
  if (directives) {
    for (var key2 in directives) {
      if (directives[key2]) {
        classname = classname ? classname + " " + key2 : key2;
      } else if (classname.length) {
        var len = key2.length;
        var a = 0;
        while ((a = classname.indexOf(key2, a)) >= 0) {
          var b = a + len;
          if ((a === 0 || whitespace.includes(classname[a - 1])) && (b === classname.length || whitespace.includes(classname[b]))) {
            classname = (a === 0 ? "" : classname.substring(0, a)) + classname.substring(b + 1);
          } else {
            a = b;
          }
        }
      }
    }
  }
  return classname === "" ? null : classname;
}
function append_styles(styles, important = false) {
  var separator = important ? " !important;" : ";";
  var css = "";
  for (var key2 in styles) {
    var value = styles[key2];
    if (value != null && value !== "") {
      css += " " + key2 + ": " + value + separator;
    }
  }
  return css;
}
function to_style(value, styles) {
  if (styles) {
    var new_style = "";
    var normal_styles;
    var important_styles;
    if (Array.isArray(styles)) {
      normal_styles = styles[0];
      important_styles = styles[1];
    } else {
      normal_styles = styles;
    }
    if (normal_styles) {
      new_style += append_styles(normal_styles);
    }
    if (important_styles) {
      new_style += append_styles(important_styles, true);
    }
    new_style = new_style.trim();
    return new_style === "" ? null : new_style;
  }
  return String(value);
}
function set_class(dom, is_html, value, hash, prev_classes, next_classes) {
  var prev = dom.__className;
  if (prev !== value || prev === void 0) {
    var next_class_name = to_class(value, hash, next_classes);
    {
      if (next_class_name == null) {
        dom.removeAttribute("class");
      } else {
        dom.className = next_class_name;
      }
    }
    dom.__className = value;
  } else if (next_classes && prev_classes !== next_classes) {
    for (var key2 in next_classes) {
      var is_present = !!next_classes[key2];
      if (prev_classes == null || is_present !== !!prev_classes[key2]) {
        dom.classList.toggle(key2, is_present);
      }
    }
  }
  return next_classes;
}
function update_styles(dom, prev = {}, next, priority) {
  for (var key2 in next) {
    var value = next[key2];
    if (prev[key2] !== value) {
      if (next[key2] == null) {
        dom.style.removeProperty(key2);
      } else {
        dom.style.setProperty(key2, value, priority);
      }
    }
  }
}
function set_style(dom, value, prev_styles, next_styles) {
  var prev = dom.__style;
  if (prev !== value) {
    var next_style_attr = to_style(value, next_styles);
    {
      if (next_style_attr == null) {
        dom.removeAttribute("style");
      } else {
        dom.style.cssText = next_style_attr;
      }
    }
    dom.__style = value;
  } else if (next_styles) {
    if (Array.isArray(next_styles)) {
      update_styles(dom, prev_styles?.[0], next_styles[0]);
      update_styles(dom, prev_styles?.[1], next_styles[1], "important");
    } else {
      update_styles(dom, prev_styles, next_styles);
    }
  }
  return next_styles;
}
function select_option(select, value, mounting = false) {
  if (select.multiple) {
    if (value == void 0) {
      return;
    }
    if (!is_array(value)) {
      return select_multiple_invalid_value();
    }
    for (var option of select.options) {
      option.selected = value.includes(get_option_value(option));
    }
    return;
  }
  for (option of select.options) {
    var option_value = get_option_value(option);
    if (is(option_value, value)) {
      option.selected = true;
      return;
    }
  }
  if (!mounting || value !== void 0) {
    select.selectedIndex = -1;
  }
}
function init_select(select) {
  var observer = new MutationObserver(() => {
    select_option(select, select.__value);
  });
  observer.observe(select, {
    // Listen to option element changes
    childList: true,
    subtree: true,
    // because of <optgroup>
    // Listen to option element value attribute changes
    // (doesn't get notified of select value changes,
    // because that property is not reflected as an attribute)
    attributes: true,
    attributeFilter: ["value"]
  });
  teardown(() => {
    observer.disconnect();
  });
}
function bind_select_value(select, get2, set2 = get2) {
  var batches2 = /* @__PURE__ */ new WeakSet();
  var mounting = true;
  listen_to_event_and_reset_event(select, "change", (is_reset) => {
    var query2 = is_reset ? "[selected]" : ":checked";
    var value;
    if (select.multiple) {
      value = [].map.call(select.querySelectorAll(query2), get_option_value);
    } else {
      var selected_option = select.querySelector(query2) ?? // will fall back to first non-disabled option if no option is selected
      select.querySelector("option:not([disabled])");
      value = selected_option && get_option_value(selected_option);
    }
    set2(value);
    if (current_batch !== null) {
      batches2.add(current_batch);
    }
  });
  effect(() => {
    var value = get2();
    if (select === document.activeElement) {
      var batch = (
        /** @type {Batch} */
        previous_batch ?? current_batch
      );
      if (batches2.has(batch)) {
        return;
      }
    }
    select_option(select, value, mounting);
    if (mounting && value === void 0) {
      var selected_option = select.querySelector(":checked");
      if (selected_option !== null) {
        value = get_option_value(selected_option);
        set2(value);
      }
    }
    select.__value = value;
    mounting = false;
  });
  init_select(select);
}
function get_option_value(option) {
  if ("__value" in option) {
    return option.__value;
  } else {
    return option.value;
  }
}
const IS_CUSTOM_ELEMENT = Symbol("is custom element");
const IS_HTML = Symbol("is html");
function set_value(element, value) {
  var attributes = get_attributes(element);
  if (attributes.value === (attributes.value = // treat null and undefined the same for the initial value
  value ?? void 0) || // @ts-expect-error
  // `progress` elements always need their value set when it's `0`
  element.value === value && (value !== 0 || element.nodeName !== "PROGRESS")) {
    return;
  }
  element.value = value ?? "";
}
function set_checked(element, checked) {
  var attributes = get_attributes(element);
  if (attributes.checked === (attributes.checked = // treat null and undefined the same for the initial value
  checked ?? void 0)) {
    return;
  }
  element.checked = checked;
}
function set_attribute(element, attribute, value, skip_warning) {
  var attributes = get_attributes(element);
  if (attributes[attribute] === (attributes[attribute] = value)) return;
  if (attribute === "loading") {
    element[LOADING_ATTR_SYMBOL] = value;
  }
  if (value == null) {
    element.removeAttribute(attribute);
  } else if (typeof value !== "string" && get_setters(element).includes(attribute)) {
    element[attribute] = value;
  } else {
    element.setAttribute(attribute, value);
  }
}
function get_attributes(element) {
  return (
    /** @type {Record<string | symbol, unknown>} **/
    // @ts-expect-error
    element.__attributes ??= {
      [IS_CUSTOM_ELEMENT]: element.nodeName.includes("-"),
      [IS_HTML]: element.namespaceURI === NAMESPACE_HTML
    }
  );
}
var setters_cache = /* @__PURE__ */ new Map();
function get_setters(element) {
  var cache_key = element.getAttribute("is") || element.nodeName;
  var setters = setters_cache.get(cache_key);
  if (setters) return setters;
  setters_cache.set(cache_key, setters = []);
  var descriptors;
  var proto = element;
  var element_proto = Element.prototype;
  while (element_proto !== proto) {
    descriptors = get_descriptors(proto);
    for (var key2 in descriptors) {
      if (descriptors[key2].set) {
        setters.push(key2);
      }
    }
    proto = get_prototype_of(proto);
  }
  return setters;
}
function bind_value(input, get2, set2 = get2) {
  var batches2 = /* @__PURE__ */ new WeakSet();
  listen_to_event_and_reset_event(input, "input", async (is_reset) => {
    var value = is_reset ? input.defaultValue : input.value;
    value = is_numberlike_input(input) ? to_number(value) : value;
    set2(value);
    if (current_batch !== null) {
      batches2.add(current_batch);
    }
    await tick();
    if (value !== (value = get2())) {
      var start2 = input.selectionStart;
      var end = input.selectionEnd;
      var length = input.value.length;
      input.value = value ?? "";
      if (end !== null) {
        var new_length = input.value.length;
        if (start2 === end && end === length && new_length > length) {
          input.selectionStart = new_length;
          input.selectionEnd = new_length;
        } else {
          input.selectionStart = start2;
          input.selectionEnd = Math.min(end, new_length);
        }
      }
    }
  });
  if (
    // If we are hydrating and the value has since changed,
    // then use the updated value from the input instead.
    // If defaultValue is set, then value == defaultValue
    // TODO Svelte 6: remove input.value check and set to empty string?
    untrack(get2) == null && input.value
  ) {
    set2(is_numberlike_input(input) ? to_number(input.value) : input.value);
    if (current_batch !== null) {
      batches2.add(current_batch);
    }
  }
  render_effect(() => {
    var value = get2();
    if (input === document.activeElement) {
      var batch = (
        /** @type {Batch} */
        previous_batch ?? current_batch
      );
      if (batches2.has(batch)) {
        return;
      }
    }
    if (is_numberlike_input(input) && value === to_number(input.value)) {
      return;
    }
    if (input.type === "date" && !value && !input.value) {
      return;
    }
    if (value !== input.value) {
      input.value = value ?? "";
    }
  });
}
function bind_checked(input, get2, set2 = get2) {
  listen_to_event_and_reset_event(input, "change", (is_reset) => {
    var value = is_reset ? input.defaultChecked : input.checked;
    set2(value);
  });
  if (
    // If we are hydrating and the value has since changed,
    // then use the update value from the input instead.
    // If defaultChecked is set, then checked == defaultChecked
    untrack(get2) == null
  ) {
    set2(input.checked);
  }
  render_effect(() => {
    var value = get2();
    input.checked = Boolean(value);
  });
}
function is_numberlike_input(input) {
  var type = input.type;
  return type === "number" || type === "range";
}
function to_number(value) {
  return value === "" ? null : +value;
}
class ResizeObserverSingleton {
  /** */
  #listeners = /* @__PURE__ */ new WeakMap();
  /** @type {ResizeObserver | undefined} */
  #observer;
  /** @type {ResizeObserverOptions} */
  #options;
  /** @static */
  static entries = /* @__PURE__ */ new WeakMap();
  /** @param {ResizeObserverOptions} options */
  constructor(options) {
    this.#options = options;
  }
  /**
   * @param {Element} element
   * @param {(entry: ResizeObserverEntry) => any} listener
   */
  observe(element, listener) {
    var listeners2 = this.#listeners.get(element) || /* @__PURE__ */ new Set();
    listeners2.add(listener);
    this.#listeners.set(element, listeners2);
    this.#getObserver().observe(element, this.#options);
    return () => {
      var listeners3 = this.#listeners.get(element);
      listeners3.delete(listener);
      if (listeners3.size === 0) {
        this.#listeners.delete(element);
        this.#observer.unobserve(element);
      }
    };
  }
  #getObserver() {
    return this.#observer ?? (this.#observer = new ResizeObserver(
      /** @param {any} entries */
      (entries) => {
        for (var entry of entries) {
          ResizeObserverSingleton.entries.set(entry.target, entry);
          for (var listener of this.#listeners.get(entry.target) || []) {
            listener(entry);
          }
        }
      }
    ));
  }
}
var resize_observer_border_box = /* @__PURE__ */ new ResizeObserverSingleton({
  box: "border-box"
});
function bind_element_size(element, type, set2) {
  var unsub = resize_observer_border_box.observe(element, () => set2(element[type]));
  effect(() => {
    untrack(() => set2(element[type]));
    return unsub;
  });
}
function is_bound_this(bound_value, element_or_component) {
  return bound_value === element_or_component || bound_value?.[STATE_SYMBOL] === element_or_component;
}
function bind_this(element_or_component = {}, update, get_value, get_parts) {
  effect(() => {
    var old_parts;
    var parts;
    render_effect(() => {
      old_parts = parts;
      parts = [];
      untrack(() => {
        if (element_or_component !== get_value(...parts)) {
          update(element_or_component, ...parts);
          if (old_parts && is_bound_this(get_value(...old_parts), element_or_component)) {
            update(null, ...old_parts);
          }
        }
      });
    });
    return () => {
      queue_micro_task(() => {
        if (parts && is_bound_this(get_value(...parts), element_or_component)) {
          update(null, ...parts);
        }
      });
    };
  });
  return element_or_component;
}
let is_store_binding = false;
function capture_store_binding(fn) {
  var previous_is_store_binding = is_store_binding;
  try {
    is_store_binding = false;
    return [fn(), is_store_binding];
  } finally {
    is_store_binding = previous_is_store_binding;
  }
}
function prop(props, key2, flags2, fallback) {
  var bindable = (flags2 & PROPS_IS_BINDABLE) !== 0;
  var lazy = (flags2 & PROPS_IS_LAZY_INITIAL) !== 0;
  var fallback_value = (
    /** @type {V} */
    fallback
  );
  var fallback_dirty = true;
  var get_fallback = () => {
    if (fallback_dirty) {
      fallback_dirty = false;
      fallback_value = lazy ? untrack(
        /** @type {() => V} */
        fallback
      ) : (
        /** @type {V} */
        fallback
      );
    }
    return fallback_value;
  };
  var setter;
  if (bindable) {
    var is_entry_props = STATE_SYMBOL in props || LEGACY_PROPS in props;
    setter = get_descriptor(props, key2)?.set ?? (is_entry_props && key2 in props ? (v) => props[key2] = v : void 0);
  }
  var initial_value;
  var is_store_sub = false;
  if (bindable) {
    [initial_value, is_store_sub] = capture_store_binding(() => (
      /** @type {V} */
      props[key2]
    ));
  } else {
    initial_value = /** @type {V} */
    props[key2];
  }
  if (initial_value === void 0 && fallback !== void 0) {
    initial_value = get_fallback();
    if (setter) {
      props_invalid_value();
      setter(initial_value);
    }
  }
  var getter;
  {
    getter = () => {
      var value = (
        /** @type {V} */
        props[key2]
      );
      if (value === void 0) return get_fallback();
      fallback_dirty = true;
      return value;
    };
  }
  if ((flags2 & PROPS_IS_UPDATED) === 0) {
    return getter;
  }
  if (setter) {
    var legacy_parent = props.$$legacy;
    return (
      /** @type {() => V} */
      (function(value, mutation) {
        if (arguments.length > 0) {
          if (!mutation || legacy_parent || is_store_sub) {
            setter(mutation ? getter() : value);
          }
          return value;
        }
        return getter();
      })
    );
  }
  var overridden = false;
  var d = ((flags2 & PROPS_IS_IMMUTABLE) !== 0 ? derived : derived_safe_equal)(() => {
    overridden = false;
    return getter();
  });
  if (bindable) get(d);
  var parent_effect = (
    /** @type {Effect} */
    active_effect
  );
  return (
    /** @type {() => V} */
    (function(value, mutation) {
      if (arguments.length > 0) {
        const new_value = mutation ? get(d) : bindable ? proxy(value) : value;
        set(d, new_value);
        overridden = true;
        if (fallback_value !== void 0) {
          fallback_value = new_value;
        }
        return value;
      }
      if (is_destroying_effect && overridden || (parent_effect.f & DESTROYED) !== 0) {
        return d.v;
      }
      return get(d);
    })
  );
}
function onMount(fn) {
  if (component_context === null) {
    lifecycle_outside_component();
  }
  {
    user_effect(() => {
      const cleanup = untrack(fn);
      if (typeof cleanup === "function") return (
        /** @type {() => void} */
        cleanup
      );
    });
  }
}
function onDestroy(fn) {
  if (component_context === null) {
    lifecycle_outside_component();
  }
  onMount(() => () => untrack(fn));
}
const PUBLIC_VERSION = "5";
if (typeof window !== "undefined") {
  ((window.__svelte ??= {}).v ??= /* @__PURE__ */ new Set()).add(PUBLIC_VERSION);
}
const SCREENS = ["runs", "run", "compare", "neighbours", "masks", "datasets"];
function parse(hash) {
  const [p, q = ""] = hash.replace(/^#\/?/, "").split("?");
  const [name, id] = p.split("/");
  const screen = SCREENS.includes(name) ? name : "runs";
  return {
    screen,
    id: id && /^\d+$/.test(id) ? Number(id) : null,
    params: new URLSearchParams(q)
  };
}
class Router {
  #route = /* @__PURE__ */ state(proxy(parse(location.hash)));
  get route() {
    return get(this.#route);
  }
  set route(value) {
    set(this.#route, value, true);
  }
  constructor() {
    addEventListener("hashchange", () => this.route = parse(location.hash));
  }
  go(path) {
    location.hash = `#/${path.replace(/^#?\/?/, "")}`;
  }
  /** Change the query of the current screen without adding history entries. */
  setParams(params) {
    untrack(() => this.replaceParams(params));
  }
  replaceParams(params) {
    const q = new URLSearchParams(this.route.params);
    for (const [k, v] of Object.entries(params)) {
      if (v === null || v === void 0 || v === "") q.delete(k);
      else q.set(k, String(v));
    }
    const base = location.hash.replace(/^#\/?/, "").split("?")[0];
    const s = q.toString();
    history.replaceState(history.state, "", `#/${base}${s ? `?${s}` : ""}`);
    this.route = parse(location.hash);
  }
}
const router = new Router();
class ApiError extends Error {
  constructor(message, kind, status, field) {
    super(message);
    this.kind = kind;
    this.status = status;
    this.field = field;
    this.name = "ApiError";
  }
}
const bridge = globalThis.lab;
const TOKEN_KEY = `jepa-lab-token:${location.host}`;
function initToken() {
  const u = new URL(location.href);
  const t = u.searchParams.get("token");
  if (t) {
    localStorage.setItem(TOKEN_KEY, t);
    u.searchParams.delete("token");
    history.replaceState(history.state, "", u.pathname + u.search + u.hash);
    return t;
  }
  return localStorage.getItem(TOKEN_KEY) ?? "";
}
const token = bridge ? "" : initToken();
async function call(method, args) {
  if (bridge) {
    const r2 = await bridge.call(method, args ?? {});
    if (r2.ok) return r2.value;
    throw new ApiError(r2.error.error, r2.error.kind, 0, r2.error.field);
  }
  let res;
  try {
    res = await fetch(`/api/${method}`, {
      method: "POST",
      headers: { "content-type": "application/json", "x-lab-token": token },
      body: JSON.stringify(args ?? {})
    });
  } catch {
    throw new ApiError("the lab server does not answer; is `jepa-lab serve` still running? Start it again and reload this page.", "offline", 0);
  }
  const body = await res.json().catch(() => null);
  if (!res.ok) throw new ApiError(body?.error ?? `HTTP ${res.status} from /api/${method}`, body?.kind ?? "failure", res.status, body?.field);
  return body;
}
const lab = new Proxy({}, {
  get: (_t, name) => typeof name === "string" && name !== "then" ? (args) => call(name, args) : void 0
});
const listeners = /* @__PURE__ */ new Set();
const connListeners = /* @__PURE__ */ new Set();
let started = false;
function dispatch(e) {
  for (const l of listeners) {
    try {
      l(e);
    } catch (err) {
      console.error(err);
    }
  }
}
function start() {
  if (started) return;
  started = true;
  if (bridge) {
    bridge.subscribe(dispatch);
    return;
  }
  const es = new EventSource(`/api/events?token=${encodeURIComponent(token)}`);
  es.onmessage = (m) => dispatch(JSON.parse(m.data));
  es.onopen = () => connListeners.forEach((l) => l("open"));
  es.onerror = () => connListeners.forEach((l) => l(es.readyState === EventSource.CLOSED ? "closed" : "retrying"));
}
function onLabEvent(fn) {
  listeners.add(fn);
  start();
  return () => listeners.delete(fn);
}
function onConnection(fn) {
  connListeners.add(fn);
  start();
  return () => connListeners.delete(fn);
}
function thumbUrl(dataset, index2, scale = 2) {
  if (bridge?.thumbnailUrl) return bridge.thumbnailUrl(dataset, index2, scale);
  return `/api/thumbnail?dataset=${encodeURIComponent(dataset)}&index=${index2}&scale=${scale}&token=${encodeURIComponent(token)}`;
}
const hasToken = () => !!bridge || token.length > 0;
class LabState {
  #runs = /* @__PURE__ */ state(proxy([]));
  get runs() {
    return get(this.#runs);
  }
  set runs(value) {
    set(this.#runs, value, true);
  }
  #datasets = /* @__PURE__ */ state(proxy([]));
  get datasets() {
    return get(this.#datasets);
  }
  set datasets(value) {
    set(this.#datasets, value, true);
  }
  #presets = /* @__PURE__ */ state(proxy([]));
  get presets() {
    return get(this.#presets);
  }
  set presets(value) {
    set(this.#presets, value, true);
  }
  #info = /* @__PURE__ */ state(null);
  get info() {
    return get(this.#info);
  }
  set info(value) {
    set(this.#info, value, true);
  }
  #progress = /* @__PURE__ */ state(proxy({}));
  get progress() {
    return get(this.#progress);
  }
  set progress(value) {
    set(this.#progress, value, true);
  }
  #imports = /* @__PURE__ */ state(proxy({}));
  get imports() {
    return get(this.#imports);
  }
  set imports(value) {
    set(this.#imports, value, true);
  }
  #jobs = /* @__PURE__ */ state(proxy({}));
  get jobs() {
    return get(this.#jobs);
  }
  set jobs(value) {
    set(this.#jobs, value, true);
  }
  #connection = /* @__PURE__ */ state("open");
  get connection() {
    return get(this.#connection);
  }
  set connection(value) {
    set(this.#connection, value, true);
  }
  #fatal = /* @__PURE__ */ state(null);
  get fatal() {
    return get(this.#fatal);
  }
  set fatal(value) {
    set(this.#fatal, value, true);
  }
  #loaded = /* @__PURE__ */ state(false);
  get loaded() {
    return get(this.#loaded);
  }
  set loaded(value) {
    set(this.#loaded, value, true);
  }
  refreshTimer = null;
  async init() {
    if (!hasToken()) {
      this.fatal = "This page has no access token. Open the URL that `jepa-lab serve` printed (it ends in ?token=…).";
      return;
    }
    onConnection((s) => this.connection = s);
    onLabEvent((e) => {
      switch (e.type) {
        case "run": {
          const i = this.runs.findIndex((r2) => r2.id === e.run.id);
          if (i >= 0) this.runs[i] = e.run;
          else this.runs = [e.run, ...this.runs];
          if (!["running", "paused"].includes(e.run.status)) delete this.progress[e.run.id];
          break;
        }
        case "progress":
          this.progress[e.runId] = e.progress;
          break;
        case "metrics":
          this.refreshRunsSoon(2e3);
          break;
        case "import":
          this.imports[e.name] = { done: e.done, total: e.total };
          break;
        case "job":
          if (e.done >= e.total) delete this.jobs[e.job];
          else this.jobs[e.job] = { label: e.label, done: e.done, total: e.total };
          break;
      }
    });
    try {
      const [info, runs, datasets, presets] = await Promise.all([lab.info(), lab.runs(), lab.datasets(), lab.presets()]);
      this.info = info;
      this.runs = runs;
      this.datasets = datasets;
      this.presets = presets;
      this.loaded = true;
      setInterval(
        () => {
          if (document.visibilityState === "visible") this.refreshRunsSoon(0);
        },
        5e3
      );
    } catch (e) {
      this.fatal = e instanceof ApiError && e.status === 401 ? "The lab refused this page's token (the server was restarted with a new one?). Open the URL that `jepa-lab serve` printed." : `Cannot reach the lab: ${e.message}`;
    }
  }
  refreshRunsSoon(ms = 300) {
    if (this.refreshTimer) return;
    this.refreshTimer = setTimeout(
      async () => {
        this.refreshTimer = null;
        try {
          this.runs = await lab.runs();
        } catch {
        }
      },
      ms
    );
  }
  async refreshDatasets() {
    this.datasets = await lab.datasets();
  }
  run(id) {
    return this.runs.find((r2) => r2.id === id);
  }
}
const labState = new LabState();
const ACTIVE = ["queued", "running", "paused"];
const RESUMABLE = ["failed", "stopped", "interrupted"];
function num(v, digits = 4) {
  if (v === null || v === void 0 || Number.isNaN(v)) return "—";
  if (!Number.isFinite(v)) return v > 0 ? "∞" : "−∞";
  if (v !== 0 && (Math.abs(v) < 1e-3 || Math.abs(v) >= 1e5)) return v.toExponential(digits - 2);
  return Number(v.toPrecision(digits)).toString();
}
function pct(v, digits = 1) {
  return v === null || v === void 0 || Number.isNaN(v) ? "—" : `${(v * 100).toFixed(digits)}%`;
}
function duration(sec) {
  if (sec === null || sec === void 0 || !Number.isFinite(sec) || sec < 0) return "—";
  sec = Math.round(sec);
  const h = Math.floor(sec / 3600);
  const m = Math.floor(sec % 3600 / 60);
  const s = sec % 60;
  return h ? `${h}h${String(m).padStart(2, "0")}m` : m ? `${m}m${String(s).padStart(2, "0")}s` : `${s}s`;
}
function dateTime(ms) {
  if (!ms) return "—";
  const d = new Date(ms);
  const p = (n) => String(n).padStart(2, "0");
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())} ${p(d.getHours())}:${p(d.getMinutes())}`;
}
function timeOfDay(ms) {
  const d = new Date(ms);
  const p = (n) => String(n).padStart(2, "0");
  return `${p(d.getHours())}:${p(d.getMinutes())}:${p(d.getSeconds())}`;
}
function bytes(n) {
  if (n < 1024) return `${n} B`;
  if (n < 1024 ** 2) return `${(n / 1024).toFixed(1)} KB`;
  if (n < 1024 ** 3) return `${(n / 1024 ** 2).toFixed(1)} MB`;
  return `${(n / 1024 ** 3).toFixed(2)} GB`;
}
function compactInt(n) {
  if (Math.abs(n) >= 1e6) return `${+(n / 1e6).toFixed(1)}M`;
  if (Math.abs(n) >= 1e4) return `${+(n / 1e3).toFixed(1)}k`;
  return String(Math.round(n));
}
function backendShort(b) {
  return b ? b.split(" ")[0] : "—";
}
function runHue(id) {
  return (id * 137.508 + 210) % 360;
}
function runColor(id, alpha = 1) {
  const h = runHue(id).toFixed(1);
  return alpha >= 1 ? `hsl(${h}, 70%, 42%)` : `hsla(${h}, 70%, 42%, ${alpha})`;
}
const CLASS_COLORS = ["#4e79a7", "#f28e2b", "#e15759", "#76b7b2", "#59a14f", "#edc948", "#b07aa1", "#ff9da7", "#9c755f", "#bab0ac"];
function classColor(label) {
  return label === null || label < 0 ? "#888" : CLASS_COLORS[label % CLASS_COLORS.length];
}
const BLOCK_COLORS = ["#e15759", "#f28e2b", "#b07aa1", "#59a14f", "#edc948", "#ff9da7", "#9c755f", "#76b7b2"];
var root_1$b = /* @__PURE__ */ from_html(`<span class="lbl svelte-11vx164"> </span>`);
var root$c = /* @__PURE__ */ from_html(`<span class="pb svelte-11vx164"><progress class="svelte-11vx164"></progress> <!></span>`);
function ProgressBar($$anchor, $$props) {
  let max2 = prop($$props, "max", 3, 1), label = prop($$props, "label", 3, ""), testid = prop($$props, "testid", 3, void 0);
  var span = root$c();
  var progress = child(span);
  var node = sibling(progress, 2);
  {
    var consequent = ($$anchor2) => {
      var span_1 = root_1$b();
      var text2 = child(span_1);
      template_effect(() => set_text(text2, label()));
      append($$anchor2, span_1);
    };
    if_block(node, ($$render) => {
      if (label()) $$render(consequent);
    });
  }
  template_effect(
    ($0) => {
      set_attribute(span, "data-testid", testid());
      set_value(progress, $$props.value);
      set_attribute(progress, "max", $0);
    },
    [() => Math.max(max2(), 1e-9)]
  );
  append($$anchor, span);
}
var root$b = /* @__PURE__ */ from_html(`<dialog data-testid="confirm-dialog" class="svelte-1u27rtg"><h3 class="svelte-1u27rtg"> </h3> <p class="svelte-1u27rtg"> </p> <div class="row svelte-1u27rtg"><button type="button" data-testid="confirm-cancel">Cancel</button> <button type="button" data-testid="confirm-ok"> </button></div></dialog>`);
function ConfirmDialog($$anchor, $$props) {
  push($$props, true);
  let open = prop($$props, "open", 15, false), confirmLabel = prop($$props, "confirmLabel", 3, "Delete"), danger = prop($$props, "danger", 3, true);
  let dlg;
  user_effect(() => {
    if (open() && !dlg.open) dlg.showModal();
    else if (!open() && dlg.open) dlg.close();
  });
  var dialog = root$b();
  var h3 = child(dialog);
  var text2 = child(h3);
  var p = sibling(h3, 2);
  var text_1 = child(p);
  var div = sibling(p, 2);
  var button = child(div);
  button.__click = () => open(false);
  var button_1 = sibling(button, 2);
  button_1.__click = () => {
    open(false);
    $$props.onconfirm();
  };
  var text_2 = child(button_1);
  bind_this(dialog, ($$value) => dlg = $$value, () => dlg);
  template_effect(() => {
    set_text(text2, $$props.title);
    set_text(text_1, $$props.message);
    set_class(button_1, 1, clsx(danger() ? "danger" : "primary"));
    set_text(text_2, confirmLabel());
  });
  event("close", dialog, () => open(false));
  append($$anchor, dialog);
  pop();
}
delegate(["click"]);
var root_2$9 = /* @__PURE__ */ from_html(`<span class="hint svelte-ubvrr"> </span>`);
var root_3$b = /* @__PURE__ */ from_html(`<button type="button" class="link" aria-label="dismiss">✕</button>`);
var root_1$a = /* @__PURE__ */ from_html(`<div class="err svelte-ubvrr" role="alert" data-testid="error"><span class="msg svelte-ubvrr"> </span> <!> <!></div>`);
function ErrorBox($$anchor, $$props) {
  push($$props, true);
  let ondismiss = prop($$props, "ondismiss", 3, void 0);
  const message = /* @__PURE__ */ user_derived(() => $$props.error instanceof Error ? $$props.error.message : String($$props.error));
  const hint = /* @__PURE__ */ user_derived(() => $$props.error instanceof ApiError && $$props.error.kind === "offline" ? "" : $$props.error instanceof ApiError && ($$props.error.kind === "failure" || $$props.error.status >= 500) ? "This is a failure in the lab, not in what you asked; the events of the run or the server log may say more." : "");
  var fragment = comment();
  var node = first_child(fragment);
  {
    var consequent_2 = ($$anchor2) => {
      var div = root_1$a();
      var span = child(div);
      var text2 = child(span);
      var node_1 = sibling(span, 2);
      {
        var consequent = ($$anchor3) => {
          var span_1 = root_2$9();
          var text_1 = child(span_1);
          template_effect(() => set_text(text_1, get(hint)));
          append($$anchor3, span_1);
        };
        if_block(node_1, ($$render) => {
          if (get(hint)) $$render(consequent);
        });
      }
      var node_2 = sibling(node_1, 2);
      {
        var consequent_1 = ($$anchor3) => {
          var button = root_3$b();
          button.__click = function(...$$args) {
            ondismiss()?.apply(this, $$args);
          };
          append($$anchor3, button);
        };
        if_block(node_2, ($$render) => {
          if (ondismiss()) $$render(consequent_1);
        });
      }
      template_effect(() => set_text(text2, get(message)));
      append($$anchor2, div);
    };
    if_block(node, ($$render) => {
      if ($$props.error) $$render(consequent_2);
    });
  }
  append($$anchor, fragment);
  pop();
}
delegate(["click"]);
var root_1$9 = /* @__PURE__ */ from_html(`<option> </option>`);
var root_2$8 = /* @__PURE__ */ from_html(`<span class="field-error svelte-1278u2t" data-testid="error-dataset"> </span>`);
var root_3$a = /* @__PURE__ */ from_html(`<option> </option>`);
var root_4$a = /* @__PURE__ */ from_html(`<span class="field-error svelte-1278u2t"> </span>`);
var root_6$5 = /* @__PURE__ */ from_html(`<span class="field-error svelte-1278u2t"> </span>`);
var root_5$8 = /* @__PURE__ */ from_html(`<label class="svelte-1278u2t"><span class="svelte-1278u2t"> </span> <input type="text" inputmode="decimal"/> <!></label>`);
var root_7$6 = /* @__PURE__ */ from_html(`<span class="field-error"> </span>`);
var root$a = /* @__PURE__ */ from_html(`<form class="panel launch svelte-1278u2t" data-testid="launch-form" novalidate=""><div class="grid svelte-1278u2t"><label class="svelte-1278u2t"><span class="svelte-1278u2t">dataset</span> <select data-testid="launch-dataset"></select> <!></label> <label class="svelte-1278u2t"><span class="svelte-1278u2t">preset</span> <select data-testid="launch-preset"></select> <!></label> <!> <label class="wide svelte-1278u2t"><span class="svelte-1278u2t">name</span> <input type="text" data-testid="launch-name" maxlength="200"/></label> <label class="wide svelte-1278u2t"><span class="svelte-1278u2t">tags</span> <input type="text" data-testid="launch-tags" placeholder="comma, separated"/></label></div> <div class="row foot svelte-1278u2t"><span class="muted small grow" data-testid="launch-summary"><!></span> <button type="submit" class="primary" data-testid="launch-submit"> </button></div> <!></form>`);
function LaunchForm($$anchor, $$props) {
  push($$props, true);
  let onlaunched = prop($$props, "onlaunched", 3, void 0);
  const NUMERIC = [
    "steps",
    "batch",
    "lr",
    "embed_dim",
    "depth",
    "pred_depth",
    "seed"
  ];
  const FIELD_OF = {
    "optimization.steps": "steps",
    "optimization.epochs": "steps",
    "data.batch_size": "batch",
    "optimization.micro_batch": "batch",
    "optimization.lr": "lr",
    "model.embed_dim": "embed_dim",
    "model.num_heads": "embed_dim",
    "model.depth": "depth",
    "meta.pred_depth": "pred_depth",
    "meta.seed": "seed",
    "data.dataset": "dataset",
    "data.channels": "dataset",
    preset: "preset"
  };
  let f = proxy({
    dataset: labState.datasets[0]?.name ?? "digits",
    preset: labState.info?.defaultPreset ?? "cpu-small",
    steps: "",
    batch: "",
    lr: "",
    embed_dim: "",
    depth: "",
    pred_depth: "",
    seed: "0",
    name: "",
    tags: ""
  });
  let check = /* @__PURE__ */ state(null);
  let launching = /* @__PURE__ */ state(false);
  let error = /* @__PURE__ */ state(null);
  function fill(p) {
    if (!p) return;
    const c = p.config;
    f.steps = c.optimization.steps ? String(c.optimization.steps) : "";
    f.batch = String(c.data.batch_size);
    f.lr = String(c.optimization.lr);
    f.embed_dim = String(c.model.embed_dim);
    f.depth = String(c.model.depth);
    f.pred_depth = String(c.meta.pred_depth);
  }
  fill(labState.presets.find((p) => p.name === f.preset));
  const localErrors = /* @__PURE__ */ user_derived(() => {
    const e = {};
    for (const k of NUMERIC) if (f[k].trim() !== "" && !Number.isFinite(Number(f[k]))) e[k] = `${k.replace("_", " ")} must be a number, got "${f[k]}"`;
    return e;
  });
  const num2 = (s) => s.trim() === "" ? void 0 : Number(s);
  const request = /* @__PURE__ */ user_derived(() => {
    const config = {};
    const put = (sec, key2, v) => {
      if (v !== void 0) (config[sec] ??= {})[key2] = v;
    };
    put("data", "batch_size", num2(f.batch));
    put("optimization", "lr", num2(f.lr));
    put("model", "embed_dim", num2(f.embed_dim));
    put("model", "depth", num2(f.depth));
    put("meta", "pred_depth", num2(f.pred_depth));
    return {
      dataset: f.dataset,
      preset: f.preset,
      config,
      steps: num2(f.steps),
      seed: num2(f.seed)
    };
  });
  let seq = 0;
  let timer;
  user_effect(() => {
    const req = get(request);
    const bad = Object.keys(get(localErrors)).length > 0;
    clearTimeout(timer);
    if (bad) return;
    const mine = ++seq;
    timer = setTimeout(
      async () => {
        try {
          const r2 = await lab.checkConfig(req);
          if (mine === seq) set(check, r2, true);
        } catch (e) {
          if (mine === seq) set(check, { ok: false, field: "", message: e.message }, true);
        }
      },
      120
    );
  });
  const errors = /* @__PURE__ */ user_derived(() => {
    const e = { ...get(localErrors) };
    if (get(check) && !get(check).ok && Object.keys(get(localErrors)).length === 0) {
      const key2 = FIELD_OF[get(check).field];
      if (key2) e[key2] = get(check).message;
    }
    return e;
  });
  const formError = /* @__PURE__ */ user_derived(() => get(check) && !get(check).ok && !FIELD_OF[get(check).field] && Object.keys(get(localErrors)).length === 0 ? get(check).message : null);
  const valid = /* @__PURE__ */ user_derived(() => Object.keys(get(errors)).length === 0 && !get(formError) && get(check)?.ok === true);
  async function launch(ev) {
    ev.preventDefault();
    if (!get(valid) || get(launching)) return;
    set(launching, true);
    set(error, null);
    try {
      const tags = f.tags.split(",").map((t) => t.trim()).filter(Boolean);
      const run = await lab.train({ ...get(request), name: f.name.trim() || void 0, tags });
      labState.refreshRunsSoon(0);
      onlaunched()?.(run.id);
      router.go(`run/${run.id}`);
    } catch (e) {
      set(error, e, true);
      if (e instanceof ApiError && e.field) set(check, { ok: false, field: e.field, message: e.message }, true);
    } finally {
      set(launching, false);
    }
  }
  const inputs = [
    {
      key: "steps",
      label: "steps",
      step: "1",
      title: "optimiser steps (blank: the preset's epochs)"
    },
    {
      key: "batch",
      label: "batch size",
      step: "1",
      title: "data.batch_size"
    },
    {
      key: "lr",
      label: "lr",
      step: "any",
      title: "optimization.lr (peak learning rate)"
    },
    {
      key: "embed_dim",
      label: "embed_dim",
      step: "1",
      title: "model.embed_dim (multiple of 4 and of the head count)"
    },
    {
      key: "depth",
      label: "depth",
      step: "1",
      title: "model.depth (encoder blocks)"
    },
    {
      key: "pred_depth",
      label: "pred_depth",
      step: "1",
      title: "meta.pred_depth (predictor blocks)"
    },
    { key: "seed", label: "seed", step: "1", title: "meta.seed" }
  ];
  var form = root$a();
  var div = child(form);
  var label = child(div);
  var select = sibling(child(label), 2);
  each(select, 21, () => labState.datasets, (d) => d.id, ($$anchor2, d) => {
    var option = root_1$9();
    var text2 = child(option);
    var option_value = {};
    template_effect(() => {
      set_text(text2, `${get(d).name ?? ""} (${get(d).count ?? ""})`);
      if (option_value !== (option_value = get(d).name)) {
        option.value = (option.__value = get(d).name) ?? "";
      }
    });
    append($$anchor2, option);
  });
  var node = sibling(select, 2);
  {
    var consequent = ($$anchor2) => {
      var span = root_2$8();
      var text_1 = child(span);
      template_effect(() => set_text(text_1, get(errors).dataset));
      append($$anchor2, span);
    };
    if_block(node, ($$render) => {
      if (get(errors).dataset) $$render(consequent);
    });
  }
  var label_1 = sibling(label, 2);
  var select_1 = sibling(child(label_1), 2);
  select_1.__change = () => fill(labState.presets.find((p) => p.name === f.preset));
  each(select_1, 21, () => labState.presets, (p) => p.name, ($$anchor2, p) => {
    var option_1 = root_3$a();
    var text_2 = child(option_1);
    var option_1_value = {};
    template_effect(() => {
      set_text(text_2, `${get(p).name ?? ""}${get(p).default ? " (default)" : ""}`);
      if (option_1_value !== (option_1_value = get(p).name)) {
        option_1.value = (option_1.__value = get(p).name) ?? "";
      }
    });
    append($$anchor2, option_1);
  });
  var node_1 = sibling(select_1, 2);
  {
    var consequent_1 = ($$anchor2) => {
      var span_1 = root_4$a();
      var text_3 = child(span_1);
      template_effect(() => set_text(text_3, get(errors).preset));
      append($$anchor2, span_1);
    };
    if_block(node_1, ($$render) => {
      if (get(errors).preset) $$render(consequent_1);
    });
  }
  var node_2 = sibling(label_1, 2);
  each(node_2, 17, () => inputs, (inp) => inp.key, ($$anchor2, inp) => {
    var label_2 = root_5$8();
    var span_2 = child(label_2);
    var text_4 = child(span_2);
    var input = sibling(span_2, 2);
    var node_3 = sibling(input, 2);
    {
      var consequent_2 = ($$anchor3) => {
        var span_3 = root_6$5();
        var text_5 = child(span_3);
        template_effect(() => {
          set_attribute(span_3, "data-testid", `error-${get(inp).key ?? ""}`);
          set_text(text_5, get(errors)[get(inp).key]);
        });
        append($$anchor3, span_3);
      };
      if_block(node_3, ($$render) => {
        if (get(errors)[get(inp).key]) $$render(consequent_2);
      });
    }
    template_effect(() => {
      set_attribute(label_2, "title", get(inp).title);
      set_text(text_4, get(inp).label);
      set_attribute(input, "name", get(inp).key);
      set_attribute(input, "data-testid", `launch-${get(inp).key ?? ""}`);
      set_attribute(input, "aria-invalid", !!get(errors)[get(inp).key]);
      set_attribute(input, "placeholder", get(inp).key === "steps" ? "from epochs" : "");
    });
    bind_value(input, () => f[get(inp).key], ($$value) => f[get(inp).key] = $$value);
    append($$anchor2, label_2);
  });
  var label_3 = sibling(node_2, 2);
  var input_1 = sibling(child(label_3), 2);
  var label_4 = sibling(label_3, 2);
  var input_2 = sibling(child(label_4), 2);
  var div_1 = sibling(div, 2);
  var span_4 = child(div_1);
  var node_4 = child(span_4);
  {
    var consequent_3 = ($$anchor2) => {
      var span_5 = root_7$6();
      var text_6 = child(span_5);
      template_effect(() => set_text(text_6, get(formError)));
      append($$anchor2, span_5);
    };
    var alternate = ($$anchor2) => {
      var fragment = comment();
      var node_5 = first_child(fragment);
      {
        var consequent_4 = ($$anchor3) => {
          var text_7 = text();
          template_effect(() => set_text(text_7, `${get(check).total_steps ?? ""} steps · ${get(check).grid ?? ""}×${get(check).grid ?? ""} patches · ViT ${get(check).config.model.embed_dim ?? ""}/${get(check).config.model.depth ?? ""}, predictor ${get(check).config.meta.pred_emb_dim ?? ""}/${get(check).config.meta.pred_depth ?? ""}`));
          append($$anchor3, text_7);
        };
        if_block(
          node_5,
          ($$render) => {
            if (get(check)?.ok) $$render(consequent_4);
          },
          true
        );
      }
      append($$anchor2, fragment);
    };
    if_block(node_4, ($$render) => {
      if (get(formError)) $$render(consequent_3);
      else $$render(alternate, false);
    });
  }
  var button = sibling(span_4, 2);
  var text_8 = child(button);
  var node_6 = sibling(div_1, 2);
  ErrorBox(node_6, {
    get error() {
      return get(error);
    },
    ondismiss: () => set(error, null)
  });
  template_effect(
    ($0) => {
      set_attribute(select, "aria-invalid", !!get(errors).dataset);
      set_attribute(select_1, "title", $0);
      set_attribute(input_1, "placeholder", `${f.preset ?? ""}-${f.dataset ?? ""}`);
      button.disabled = !get(valid) || get(launching);
      set_text(text_8, get(launching) ? "Starting…" : "Launch run");
    },
    [
      () => labState.presets.find((p) => p.name === f.preset)?.description
    ]
  );
  event("submit", form, launch);
  bind_select_value(select, () => f.dataset, ($$value) => f.dataset = $$value);
  bind_select_value(select_1, () => f.preset, ($$value) => f.preset = $$value);
  bind_value(input_1, () => f.name, ($$value) => f.name = $$value);
  bind_value(input_2, () => f.tags, ($$value) => f.tags = $$value);
  append($$anchor, form);
  pop();
}
delegate(["change"]);
var root_1$8 = /* @__PURE__ */ from_html(`<option> </option>`);
var root_3$9 = /* @__PURE__ */ from_html(`<th><button type="button" class="link sort svelte-udy74x"> </button></th>`);
var root_5$7 = /* @__PURE__ */ from_html(`<span class="chip"> </span>`);
var root_6$4 = /* @__PURE__ */ from_html(`<span class="collapse svelte-udy74x">⚠ collapse</span>`);
var root_8$5 = /* @__PURE__ */ from_html(`<div class="muted small"> </div>`);
var root_7$5 = /* @__PURE__ */ from_html(`<!> <!>`, 1);
var root_9$5 = /* @__PURE__ */ from_html(`<span class="tabnums"> </span>`);
var root_10$5 = /* @__PURE__ */ from_html(`<button type="button" class="small svelte-udy74x" data-testid="stop-run">Stop</button>`);
var root_12$4 = /* @__PURE__ */ from_html(`<button type="button" class="small svelte-udy74x" data-testid="resume-run">Resume</button>`);
var root_4$9 = /* @__PURE__ */ from_html(`<tr data-testid="run-row"><td><input type="checkbox" data-testid="select-run"/></td><td class="num"><i class="swatch"></i> </td><td class="name svelte-udy74x"><a data-testid="run-link"> </a> <!> <div class="muted small"> </div></td><td><span data-testid="run-status"> </span> <!></td><td class="muted"> </td><td class="steps svelte-udy74x"><!></td><td class="num"> </td><td class="num"> </td><td class="num"> </td><td class="muted"> </td><td class="num"> </td><td class="actions svelte-udy74x"><!> <button type="button" class="small danger svelte-udy74x" data-testid="delete-run">Delete</button></td></tr>`);
var root_13$3 = /* @__PURE__ */ from_html(`<tr><td colspan="12" class="muted empty svelte-udy74x"> </td></tr>`);
var root$9 = /* @__PURE__ */ from_html(`<div class="bar row svelte-udy74x"><h2>Runs</h2> <input type="search" placeholder="filter: name, status, preset, dataset, tag…" data-testid="runs-filter" class="filter svelte-udy74x"/> <select data-testid="runs-tag" title="show runs with this tag"><option>all tags</option><!></select> <span class="grow"></span> <button type="button" data-testid="compare-selected"> </button> <button type="button" data-testid="new-run"> </button></div> <!> <!> <div class="panel table-wrap svelte-udy74x"><table data-testid="runs-table"><thead><tr><th></th><!><th></th></tr></thead><tbody></tbody></table></div> <!>`, 1);
function Runs($$anchor, $$props) {
  push($$props, true);
  let filter = /* @__PURE__ */ state("");
  let tag = /* @__PURE__ */ state("");
  let sortKey = /* @__PURE__ */ state("id");
  let sortDir = /* @__PURE__ */ state(-1);
  let selected = /* @__PURE__ */ state(proxy([]));
  let showForm = /* @__PURE__ */ state(labState.runs.length === 0);
  let toDelete = /* @__PURE__ */ state(null);
  let confirmOpen = /* @__PURE__ */ state(false);
  let error = /* @__PURE__ */ state(null);
  let busy = proxy({});
  let now = /* @__PURE__ */ state(proxy(Date.now()));
  const tick2 = setInterval(() => set(now, Date.now(), true), 1e3);
  onDestroy(() => clearInterval(tick2));
  const datasetName = (id) => labState.datasets.find((d) => d.id === id)?.name ?? `#${id}`;
  const runDuration = (r2) => r2.started_at ? ((r2.ended_at ?? (ACTIVE.includes(r2.status) ? get(now) : r2.started_at)) - r2.started_at) / 1e3 : null;
  const allTags = /* @__PURE__ */ user_derived(() => [...new Set(labState.runs.flatMap((r2) => r2.tags))].sort());
  const rows = /* @__PURE__ */ user_derived(() => {
    const q = get(filter).trim().toLowerCase();
    const list = labState.runs.filter((r2) => {
      if (get(tag) && !r2.tags.includes(get(tag))) return false;
      if (!q) return true;
      const hay = `${r2.id} ${r2.name} ${r2.status} ${r2.preset} ${datasetName(r2.dataset_id)} ${r2.backend ?? ""} ${r2.tags.join(" ")}`.toLowerCase();
      return q.split(/\s+/).every((w) => hay.includes(w));
    });
    const val = (r2) => {
      switch (get(sortKey)) {
        case "duration":
          return runDuration(r2) ?? -1;
        case "backend":
          return r2.backend ?? "";
        case "step":
          return r2.total_steps ? r2.step / r2.total_steps : 0;
        default: {
          const v = r2[get(sortKey)];
          return v === null || v === void 0 ? get(sortDir) === 1 ? Infinity : -Infinity : v;
        }
      }
    };
    return [...list].sort((a, b) => {
      const x = val(a);
      const y = val(b);
      return (x < y ? -1 : x > y ? 1 : a.id - b.id) * get(sortDir);
    });
  });
  function sortBy(k) {
    if (get(sortKey) === k) set(sortDir, get(sortDir) === 1 ? -1 : 1, true);
    else {
      set(sortKey, k, true);
      set(sortDir, k === "name" || k === "status" || k === "backend" || k === "last_loss" || k === "best_loss" ? 1 : -1, true);
    }
  }
  async function act(r2, what) {
    set(error, null);
    busy[r2.id] = true;
    try {
      await lab[what]({ id: r2.id });
      labState.refreshRunsSoon(0);
    } catch (e) {
      set(error, e, true);
    } finally {
      busy[r2.id] = false;
    }
  }
  async function doDelete() {
    const r2 = get(toDelete);
    if (!r2) return;
    set(error, null);
    try {
      await lab.deleteRun({ id: r2.id });
      labState.runs = labState.runs.filter((x) => x.id !== r2.id);
      set(selected, get(selected).filter((i) => i !== r2.id), true);
    } catch (e) {
      set(error, e, true);
    }
  }
  function toggle(id) {
    set(
      selected,
      get(selected).includes(id) ? get(selected).filter((i) => i !== id) : [...get(selected), id],
      true
    );
  }
  const cols = [
    ["id", "#", true],
    ["name", "name", false],
    ["status", "status", false],
    ["backend", "backend", false],
    ["step", "steps", false],
    ["last_loss", "loss", true],
    ["best_loss", "best loss", true],
    ["knn_acc", "kNN acc", true],
    ["started_at", "started", false],
    ["duration", "duration", true]
  ];
  var fragment = root$9();
  var div = first_child(fragment);
  var input = sibling(child(div), 2);
  var select = sibling(input, 2);
  var option = child(select);
  option.value = option.__value = "";
  var node = sibling(option);
  each(node, 16, () => get(allTags), (t) => t, ($$anchor2, t) => {
    var option_1 = root_1$8();
    var text2 = child(option_1);
    var option_1_value = {};
    template_effect(() => {
      set_text(text2, t);
      if (option_1_value !== (option_1_value = t)) {
        option_1.value = (option_1.__value = t) ?? "";
      }
    });
    append($$anchor2, option_1);
  });
  var button = sibling(select, 4);
  button.__click = () => router.go(`compare?ids=${get(selected).join(",")}`);
  var text_1 = child(button);
  var button_1 = sibling(button, 2);
  button_1.__click = () => set(showForm, !get(showForm));
  var text_2 = child(button_1);
  var node_1 = sibling(div, 2);
  {
    var consequent = ($$anchor2) => {
      LaunchForm($$anchor2, {});
    };
    if_block(node_1, ($$render) => {
      if (get(showForm)) $$render(consequent);
    });
  }
  var node_2 = sibling(node_1, 2);
  ErrorBox(node_2, {
    get error() {
      return get(error);
    },
    ondismiss: () => set(error, null)
  });
  var div_1 = sibling(node_2, 2);
  var table = child(div_1);
  var thead = child(table);
  var tr = child(thead);
  var node_3 = sibling(child(tr));
  each(node_3, 17, () => cols, ([k, label, right]) => k, ($$anchor2, $$item) => {
    var $$array = /* @__PURE__ */ user_derived(() => to_array(get($$item), 3));
    let k = () => get($$array)[0];
    let label = () => get($$array)[1];
    let right = () => get($$array)[2];
    var th = root_3$9();
    let classes;
    var button_2 = child(th);
    button_2.__click = () => sortBy(k());
    var text_3 = child(button_2);
    template_effect(() => {
      set_attribute(th, "aria-sort", get(sortKey) === k() ? get(sortDir) === 1 ? "ascending" : "descending" : "none");
      classes = set_class(th, 1, "", null, classes, { num: right() });
      set_attribute(button_2, "data-testid", `sort-${k() ?? ""}`);
      set_text(text_3, `${label() ?? ""}${get(sortKey) === k() ? get(sortDir) === 1 ? " ▲" : " ▼" : ""}`);
    });
    append($$anchor2, th);
  });
  var tbody = sibling(thead);
  each(
    tbody,
    21,
    () => get(rows),
    (r2) => r2.id,
    ($$anchor2, r2) => {
      const p = /* @__PURE__ */ user_derived(() => labState.progress[get(r2).id]);
      var tr_1 = root_4$9();
      var td = child(tr_1);
      var input_1 = child(td);
      input_1.__change = () => toggle(get(r2).id);
      var td_1 = sibling(td);
      var i_1 = child(td_1);
      let styles;
      var text_4 = sibling(i_1);
      var td_2 = sibling(td_1);
      var a_1 = child(td_2);
      var text_5 = child(a_1);
      var node_4 = sibling(a_1, 2);
      each(node_4, 16, () => get(r2).tags, (t) => t, ($$anchor3, t) => {
        var span = root_5$7();
        var text_6 = child(span);
        template_effect(() => set_text(text_6, t));
        append($$anchor3, span);
      });
      var div_2 = sibling(node_4, 2);
      var text_7 = child(div_2);
      var td_3 = sibling(td_2);
      var span_1 = child(td_3);
      var text_8 = child(span_1);
      var node_5 = sibling(span_1, 2);
      {
        var consequent_1 = ($$anchor3) => {
          var span_2 = root_6$4();
          template_effect(() => set_attribute(span_2, "title", get(r2).collapse_warning));
          append($$anchor3, span_2);
        };
        if_block(node_5, ($$render) => {
          if (get(r2).collapse_warning) $$render(consequent_1);
        });
      }
      var td_4 = sibling(td_3);
      var text_9 = child(td_4);
      var td_5 = sibling(td_4);
      var node_6 = child(td_5);
      {
        var consequent_3 = ($$anchor3) => {
          var fragment_2 = root_7$5();
          var node_7 = first_child(fragment_2);
          {
            let $0 = /* @__PURE__ */ user_derived(() => get(p)?.step ?? get(r2).step);
            let $1 = /* @__PURE__ */ user_derived(() => get(p)?.totalSteps ?? get(r2).total_steps);
            let $2 = /* @__PURE__ */ user_derived(() => get(p)?.step ?? get(r2).step);
            let $3 = /* @__PURE__ */ user_derived(() => get(p)?.totalSteps ?? get(r2).total_steps);
            ProgressBar(node_7, {
              get value() {
                return get($0);
              },
              get max() {
                return get($1);
              },
              get label() {
                return `${get($2) ?? ""}/${get($3) ?? ""}`;
              },
              testid: "run-progress"
            });
          }
          var node_8 = sibling(node_7, 2);
          {
            var consequent_2 = ($$anchor4) => {
              var div_3 = root_8$5();
              var text_10 = child(div_3);
              template_effect(($0, $1) => set_text(text_10, `${$0 ?? ""} img/s · ETA ${$1 ?? ""}`), [
                () => get(p).imagesPerSec.toFixed(0),
                () => duration(get(p).etaSec)
              ]);
              append($$anchor4, div_3);
            };
            if_block(node_8, ($$render) => {
              if (get(p)) $$render(consequent_2);
            });
          }
          append($$anchor3, fragment_2);
        };
        var alternate = ($$anchor3) => {
          var span_3 = root_9$5();
          var text_11 = child(span_3);
          template_effect(() => set_text(text_11, `${get(r2).step ?? ""}/${get(r2).total_steps ?? ""}`));
          append($$anchor3, span_3);
        };
        if_block(node_6, ($$render) => {
          if (get(r2).status === "running" || get(r2).status === "paused") $$render(consequent_3);
          else $$render(alternate, false);
        });
      }
      var td_6 = sibling(td_5);
      var text_12 = child(td_6);
      var td_7 = sibling(td_6);
      var text_13 = child(td_7);
      var td_8 = sibling(td_7);
      var text_14 = child(td_8);
      var td_9 = sibling(td_8);
      var text_15 = child(td_9);
      var td_10 = sibling(td_9);
      var text_16 = child(td_10);
      var td_11 = sibling(td_10);
      var node_9 = child(td_11);
      {
        var consequent_4 = ($$anchor3) => {
          var button_3 = root_10$5();
          button_3.__click = () => act(get(r2), "stop");
          template_effect(() => button_3.disabled = busy[get(r2).id]);
          append($$anchor3, button_3);
        };
        var alternate_1 = ($$anchor3) => {
          var fragment_3 = comment();
          var node_10 = first_child(fragment_3);
          {
            var consequent_5 = ($$anchor4) => {
              var button_4 = root_12$4();
              button_4.__click = () => act(get(r2), "resume");
              template_effect(() => button_4.disabled = busy[get(r2).id]);
              append($$anchor4, button_4);
            };
            if_block(
              node_10,
              ($$render) => {
                if (RESUMABLE.includes(get(r2).status)) $$render(consequent_5);
              },
              true
            );
          }
          append($$anchor3, fragment_3);
        };
        if_block(node_9, ($$render) => {
          if (ACTIVE.includes(get(r2).status)) $$render(consequent_4);
          else $$render(alternate_1, false);
        });
      }
      var button_5 = sibling(node_9, 2);
      button_5.__click = () => {
        set(toDelete, get(r2), true);
        set(confirmOpen, true);
      };
      template_effect(
        ($0, $1, $2, $3, $4, $5, $6, $7, $8) => {
          set_attribute(tr_1, "data-run-id", get(r2).id);
          set_attribute(tr_1, "data-status", get(r2).status);
          set_checked(input_1, $0);
          set_attribute(input_1, "aria-label", `select run ${get(r2).id ?? ""}`);
          styles = set_style(i_1, "", styles, $1);
          set_text(text_4, ` ${get(r2).id ?? ""}`);
          set_attribute(a_1, "href", `#/run/${get(r2).id ?? ""}`);
          set_text(text_5, get(r2).name);
          set_text(text_7, `${get(r2).preset ?? ""} · ${$2 ?? ""}`);
          set_class(span_1, 1, `status ${get(r2).status ?? ""}`, "svelte-udy74x");
          set_text(text_8, get(r2).status);
          set_attribute(td_4, "title", get(r2).backend ?? "");
          set_text(text_9, $3);
          set_text(text_12, $4);
          set_text(text_13, $5);
          set_text(text_14, $6);
          set_text(text_15, $7);
          set_text(text_16, $8);
        },
        [
          () => get(selected).includes(get(r2).id),
          () => ({ background: runColor(get(r2).id) }),
          () => datasetName(get(r2).dataset_id),
          () => backendShort(get(r2).backend),
          () => num(get(p) && get(r2).status === "running" ? get(p).loss : get(r2).last_loss),
          () => num(get(r2).best_loss),
          () => pct(get(r2).knn_acc),
          () => dateTime(get(r2).started_at),
          () => duration(runDuration(get(r2)))
        ]
      );
      append($$anchor2, tr_1);
    },
    ($$anchor2) => {
      var tr_2 = root_13$3();
      var td_12 = child(tr_2);
      var text_17 = child(td_12);
      template_effect(() => set_text(text_17, labState.runs.length ? "no run matches the filter" : "no runs yet — launch one with the form above"));
      append($$anchor2, tr_2);
    }
  );
  var node_11 = sibling(div_1, 2);
  {
    let $0 = /* @__PURE__ */ user_derived(() => get(toDelete)?.id);
    let $1 = /* @__PURE__ */ user_derived(() => get(toDelete) ? `"${get(toDelete).name}" (${get(toDelete).status}, ${get(toDelete).step} steps): its metrics, events and checkpoints are deleted for good.` : "");
    ConfirmDialog(node_11, {
      get title() {
        return `Delete run ${get($0) ?? ""}?`;
      },
      get message() {
        return get($1);
      },
      onconfirm: doDelete,
      get open() {
        return get(confirmOpen);
      },
      set open($$value) {
        set(confirmOpen, $$value, true);
      }
    });
  }
  template_effect(() => {
    button.disabled = get(selected).length < 1;
    set_text(text_1, `Compare ${(get(selected).length || "") ?? ""}`);
    set_class(button_1, 1, clsx(get(showForm) ? "" : "primary"));
    set_text(text_2, get(showForm) ? "Hide form" : "New run");
  });
  bind_value(input, () => get(filter), ($$value) => set(filter, $$value));
  bind_select_value(select, () => get(tag), ($$value) => set(tag, $$value));
  append($$anchor, fragment);
  pop();
}
delegate(["click", "change"]);
const KEY = "jepa-lab-chart-prefs";
function load() {
  try {
    const p = JSON.parse(localStorage.getItem(KEY) ?? "{}");
    return {
      smoothing: typeof p.smoothing === "number" && p.smoothing >= 0 && p.smoothing < 1 ? p.smoothing : 0.6,
      logY: p.logY === true,
      xKind: ["step", "relative", "wall"].includes(p.xKind) ? p.xKind : "step"
    };
  } catch {
    return { smoothing: 0.6, logY: false, xKind: "step" };
  }
}
const chartPrefs = proxy(load());
function savePrefs() {
  localStorage.setItem(KEY, JSON.stringify(chartPrefs));
}
const PRIMARY = ["loss", "lr", "wd", "momentum", "feature_std", "rankme", "knn_acc"];
const UNSMOOTHED = /* @__PURE__ */ new Set(["lr", "wd", "momentum"]);
function orderMetrics(names) {
  const set2 = new Set(names);
  return [...PRIMARY.filter((n) => set2.has(n)), ...[...set2].filter((n) => !PRIMARY.includes(n)).sort()];
}
function mergeMetrics(old, inc) {
  const out = { ...old };
  for (const [name, s] of Object.entries(inc)) {
    const o = old[name];
    if (!o || s.step.length === 0) {
      out[name] = o && s.step.length === 0 ? o : s;
      continue;
    }
    let keep = o.step.length;
    while (keep > 0 && o.step[keep - 1] >= s.step[0]) keep--;
    out[name] = { step: o.step.slice(0, keep).concat(s.step), time: o.time.slice(0, keep).concat(s.time), value: o.value.slice(0, keep).concat(s.value) };
  }
  return out;
}
function maxStep(m) {
  let max2 = -1;
  for (const s of Object.values(m)) if (s.step.length) max2 = Math.max(max2, s.step[s.step.length - 1]);
  return max2;
}
function firstTime(m) {
  let min2 = Infinity;
  for (const s of Object.values(m)) if (s.time.length) min2 = Math.min(min2, s.time[0]);
  return Number.isFinite(min2) ? min2 : 0;
}
function xOf(s, kind, t0) {
  if (kind === "step") return s.step;
  if (kind === "relative") return Float64Array.from(s.time, (t) => (t - t0) / 1e3);
  return Float64Array.from(s.time, (t) => t / 1e3);
}
function flatten(cfg, prefix = "") {
  if (typeof cfg !== "object" || cfg === null || Array.isArray(cfg)) return [[prefix, cfg]];
  return Object.entries(cfg).flatMap(([k, v]) => flatten(v, prefix ? `${prefix}.${k}` : k));
}
const FEAT_TIME = true;
const pre = "u-";
const UPLOT = "uplot";
const ORI_HZ = pre + "hz";
const ORI_VT = pre + "vt";
const TITLE = pre + "title";
const WRAP = pre + "wrap";
const UNDER = pre + "under";
const OVER = pre + "over";
const AXIS = pre + "axis";
const OFF = pre + "off";
const SELECT = pre + "select";
const CURSOR_X = pre + "cursor-x";
const CURSOR_Y = pre + "cursor-y";
const CURSOR_PT = pre + "cursor-pt";
const LEGEND = pre + "legend";
const LEGEND_LIVE = pre + "live";
const LEGEND_INLINE = pre + "inline";
const LEGEND_SERIES = pre + "series";
const LEGEND_MARKER = pre + "marker";
const LEGEND_LABEL = pre + "label";
const LEGEND_VALUE = pre + "value";
const WIDTH = "width";
const HEIGHT = "height";
const TOP = "top";
const BOTTOM = "bottom";
const LEFT = "left";
const RIGHT = "right";
const hexBlack = "#000";
const transparent = hexBlack + "0";
const mousemove = "mousemove";
const mousedown = "mousedown";
const mouseup = "mouseup";
const mouseenter = "mouseenter";
const mouseleave = "mouseleave";
const dblclick = "dblclick";
const resize = "resize";
const scroll = "scroll";
const change = "change";
const dppxchange = "dppxchange";
const LEGEND_DISP = "--";
const domEnv = typeof window != "undefined";
const doc = domEnv ? document : null;
const win = domEnv ? window : null;
const nav = domEnv ? navigator : null;
let pxRatio;
let query;
function setPxRatio() {
  let _pxRatio = devicePixelRatio;
  if (pxRatio != _pxRatio) {
    pxRatio = _pxRatio;
    query && off(change, query, setPxRatio);
    query = matchMedia(`(min-resolution: ${pxRatio - 1e-3}dppx) and (max-resolution: ${pxRatio + 1e-3}dppx)`);
    on(change, query, setPxRatio);
    win.dispatchEvent(new CustomEvent(dppxchange));
  }
}
function addClass(el, c) {
  if (c != null) {
    let cl = el.classList;
    !cl.contains(c) && cl.add(c);
  }
}
function remClass(el, c) {
  let cl = el.classList;
  cl.contains(c) && cl.remove(c);
}
function setStylePx(el, name, value) {
  el.style[name] = value + "px";
}
function placeTag(tag, cls, targ, refEl) {
  let el = doc.createElement(tag);
  if (cls != null)
    addClass(el, cls);
  if (targ != null)
    targ.insertBefore(el, refEl);
  return el;
}
function placeDiv(cls, targ) {
  return placeTag("div", cls, targ);
}
const xformCache = /* @__PURE__ */ new WeakMap();
function elTrans(el, xPos, yPos, xMax, yMax) {
  let xform = "translate(" + xPos + "px," + yPos + "px)";
  let xformOld = xformCache.get(el);
  if (xform != xformOld) {
    el.style.transform = xform;
    xformCache.set(el, xform);
    if (xPos < 0 || yPos < 0 || xPos > xMax || yPos > yMax)
      addClass(el, OFF);
    else
      remClass(el, OFF);
  }
}
const colorCache = /* @__PURE__ */ new WeakMap();
function elColor(el, background, borderColor) {
  let newColor = background + borderColor;
  let oldColor = colorCache.get(el);
  if (newColor != oldColor) {
    colorCache.set(el, newColor);
    el.style.background = background;
    el.style.borderColor = borderColor;
  }
}
const sizeCache = /* @__PURE__ */ new WeakMap();
function elSize(el, newWid, newHgt, centered) {
  let newSize = newWid + "" + newHgt;
  let oldSize = sizeCache.get(el);
  if (newSize != oldSize) {
    sizeCache.set(el, newSize);
    el.style.height = newHgt + "px";
    el.style.width = newWid + "px";
    el.style.marginLeft = centered ? -newWid / 2 + "px" : 0;
    el.style.marginTop = centered ? -newHgt / 2 + "px" : 0;
  }
}
const evOpts = { passive: true };
const evOpts2 = { ...evOpts, capture: true };
function on(ev, el, cb, capt) {
  el.addEventListener(ev, cb, capt ? evOpts2 : evOpts);
}
function off(ev, el, cb, capt) {
  el.removeEventListener(ev, cb, evOpts);
}
domEnv && setPxRatio();
function closestIdx(num2, arr, lo, hi) {
  let mid;
  lo = lo || 0;
  hi = hi || arr.length - 1;
  let bitwise = hi <= 2147483647;
  while (hi - lo > 1) {
    mid = bitwise ? lo + hi >> 1 : floor((lo + hi) / 2);
    if (arr[mid] < num2)
      lo = mid;
    else
      hi = mid;
  }
  if (num2 - arr[lo] <= arr[hi] - num2)
    return lo;
  return hi;
}
function makeIndexOfs(predicate) {
  let indexOfs = (data, _i0, _i1) => {
    let i0 = -1;
    let i1 = -1;
    for (let i = _i0; i <= _i1; i++) {
      if (predicate(data[i])) {
        i0 = i;
        break;
      }
    }
    for (let i = _i1; i >= _i0; i--) {
      if (predicate(data[i])) {
        i1 = i;
        break;
      }
    }
    return [i0, i1];
  };
  return indexOfs;
}
const notNullish = (v) => v != null;
const isPositive = (v) => v != null && v > 0;
const nonNullIdxs = makeIndexOfs(notNullish);
const positiveIdxs = makeIndexOfs(isPositive);
function getMinMax(data, _i0, _i1, sorted = 0, log = false) {
  let getEdgeIdxs = log ? positiveIdxs : nonNullIdxs;
  let predicate = log ? isPositive : notNullish;
  [_i0, _i1] = getEdgeIdxs(data, _i0, _i1);
  let _min = data[_i0];
  let _max = data[_i0];
  if (_i0 > -1) {
    if (sorted == 1) {
      _min = data[_i0];
      _max = data[_i1];
    } else if (sorted == -1) {
      _min = data[_i1];
      _max = data[_i0];
    } else {
      for (let i = _i0; i <= _i1; i++) {
        let v = data[i];
        if (predicate(v)) {
          if (v < _min)
            _min = v;
          else if (v > _max)
            _max = v;
        }
      }
    }
  }
  return [_min ?? inf, _max ?? -inf];
}
function rangeLog(min2, max2, base, fullMags) {
  let minSign = sign(min2);
  let maxSign = sign(max2);
  if (min2 == max2) {
    if (minSign == -1) {
      min2 *= base;
      max2 /= base;
    } else {
      min2 /= base;
      max2 *= base;
    }
  }
  let logFn = base == 10 ? log10 : log2;
  let growMinAbs = minSign == 1 ? floor : ceil;
  let growMaxAbs = maxSign == 1 ? ceil : floor;
  let minExp = growMinAbs(logFn(abs(min2)));
  let maxExp = growMaxAbs(logFn(abs(max2)));
  let minIncr = pow(base, minExp);
  let maxIncr = pow(base, maxExp);
  if (base == 10) {
    if (minExp < 0)
      minIncr = roundDec(minIncr, -minExp);
    if (maxExp < 0)
      maxIncr = roundDec(maxIncr, -maxExp);
  }
  if (fullMags || base == 2) {
    min2 = minIncr * minSign;
    max2 = maxIncr * maxSign;
  } else {
    min2 = incrRoundDn(min2, minIncr);
    max2 = incrRoundUp(max2, maxIncr);
  }
  return [min2, max2];
}
function rangeAsinh(min2, max2, base, fullMags) {
  let minMax = rangeLog(min2, max2, base, fullMags);
  if (min2 == 0)
    minMax[0] = 0;
  if (max2 == 0)
    minMax[1] = 0;
  return minMax;
}
const rangePad = 0.1;
const autoRangePart = {
  mode: 3,
  pad: rangePad
};
const _eqRangePart = {
  pad: 0,
  soft: null,
  mode: 0
};
const _eqRange = {
  min: _eqRangePart,
  max: _eqRangePart
};
function rangeNum(_min, _max, mult, extra) {
  if (isObj(mult))
    return _rangeNum(_min, _max, mult);
  _eqRangePart.pad = mult;
  _eqRangePart.soft = extra ? 0 : null;
  _eqRangePart.mode = extra ? 3 : 0;
  return _rangeNum(_min, _max, _eqRange);
}
function ifNull(lh, rh) {
  return lh == null ? rh : lh;
}
function hasData(data, idx0, idx1) {
  idx0 = ifNull(idx0, 0);
  idx1 = ifNull(idx1, data.length - 1);
  while (idx0 <= idx1) {
    if (data[idx0] != null)
      return true;
    idx0++;
  }
  return false;
}
function _rangeNum(_min, _max, cfg) {
  let cmin = cfg.min;
  let cmax = cfg.max;
  let padMin = ifNull(cmin.pad, 0);
  let padMax = ifNull(cmax.pad, 0);
  let hardMin = ifNull(cmin.hard, -inf);
  let hardMax = ifNull(cmax.hard, inf);
  let softMin = ifNull(cmin.soft, inf);
  let softMax = ifNull(cmax.soft, -inf);
  let softMinMode = ifNull(cmin.mode, 0);
  let softMaxMode = ifNull(cmax.mode, 0);
  let delta = _max - _min;
  let deltaMag = log10(delta);
  let scalarMax = max(abs(_min), abs(_max));
  let scalarMag = log10(scalarMax);
  let scalarMagDelta = abs(scalarMag - deltaMag);
  if (delta < 1e-24 || scalarMagDelta > 10) {
    delta = 0;
    if (_min == 0 || _max == 0) {
      delta = 1e-24;
      if (softMinMode == 2 && softMin != inf)
        padMin = 0;
      if (softMaxMode == 2 && softMax != -inf)
        padMax = 0;
    }
  }
  let nonZeroDelta = delta || scalarMax || 1e3;
  let mag = log10(nonZeroDelta);
  let base = pow(10, floor(mag));
  let _padMin = nonZeroDelta * (delta == 0 ? _min == 0 ? 0.1 : 1 : padMin);
  let _newMin = roundDec(incrRoundDn(_min - _padMin, base / 10), 24);
  let _softMin = _min >= softMin && (softMinMode == 1 || softMinMode == 3 && _newMin <= softMin || softMinMode == 2 && _newMin >= softMin) ? softMin : inf;
  let minLim = max(hardMin, _newMin < _softMin && _min >= _softMin ? _softMin : min(_softMin, _newMin));
  let _padMax = nonZeroDelta * (delta == 0 ? _max == 0 ? 0.1 : 1 : padMax);
  let _newMax = roundDec(incrRoundUp(_max + _padMax, base / 10), 24);
  let _softMax = _max <= softMax && (softMaxMode == 1 || softMaxMode == 3 && _newMax >= softMax || softMaxMode == 2 && _newMax <= softMax) ? softMax : -inf;
  let maxLim = min(hardMax, _newMax > _softMax && _max <= _softMax ? _softMax : max(_softMax, _newMax));
  if (minLim == maxLim && minLim == 0)
    maxLim = 100;
  return [minLim, maxLim];
}
const numFormatter = new Intl.NumberFormat(domEnv ? nav.language : "en-US");
const fmtNum = (val) => numFormatter.format(val);
const M = Math;
const PI = M.PI;
const abs = M.abs;
const floor = M.floor;
const round = M.round;
const ceil = M.ceil;
const min = M.min;
const max = M.max;
const pow = M.pow;
const sign = M.sign;
const log10 = M.log10;
const log2 = M.log2;
const sinh = (v, linthresh = 1) => M.sinh(v) * linthresh;
const asinh = (v, linthresh = 1) => M.asinh(v / linthresh);
const inf = Infinity;
function numIntDigits(x) {
  return (log10((x ^ x >> 31) - (x >> 31)) | 0) + 1;
}
function clamp(num2, _min, _max) {
  return min(max(num2, _min), _max);
}
function isFn(v) {
  return typeof v == "function";
}
function fnOrSelf(v) {
  return isFn(v) ? v : () => v;
}
const noop = () => {
};
const retArg0 = (_0) => _0;
const retArg1 = (_0, _1) => _1;
const retNull = (_2) => null;
const retTrue = (_2) => true;
const retEq = (a, b) => a == b;
const regex6 = /\.\d*?(?=9{6,}|0{6,})/gm;
const fixFloat = (val) => {
  if (isInt(val) || fixedDec.has(val))
    return val;
  const str = `${val}`;
  const match = str.match(regex6);
  if (match == null)
    return val;
  let len = match[0].length - 1;
  if (str.indexOf("e-") != -1) {
    let [num2, exp] = str.split("e");
    return +`${fixFloat(num2)}e${exp}`;
  }
  return roundDec(val, len);
};
function incrRound(num2, incr) {
  return fixFloat(roundDec(fixFloat(num2 / incr)) * incr);
}
function incrRoundUp(num2, incr) {
  return fixFloat(ceil(fixFloat(num2 / incr)) * incr);
}
function incrRoundDn(num2, incr) {
  return fixFloat(floor(fixFloat(num2 / incr)) * incr);
}
function roundDec(val, dec = 0) {
  if (isInt(val))
    return val;
  let p = 10 ** dec;
  let n = val * p * (1 + Number.EPSILON);
  return round(n) / p;
}
const fixedDec = /* @__PURE__ */ new Map();
function guessDec(num2) {
  return (("" + num2).split(".")[1] || "").length;
}
function genIncrs(base, minExp, maxExp, mults) {
  let incrs = [];
  let multDec = mults.map(guessDec);
  for (let exp = minExp; exp < maxExp; exp++) {
    let expa = abs(exp);
    let mag = roundDec(pow(base, exp), expa);
    for (let i = 0; i < mults.length; i++) {
      let _incr = base == 10 ? +`${mults[i]}e${exp}` : mults[i] * mag;
      let dec = (exp >= 0 ? 0 : expa) + (exp >= multDec[i] ? 0 : multDec[i]);
      let incr = base == 10 ? _incr : roundDec(_incr, dec);
      incrs.push(incr);
      fixedDec.set(incr, dec);
    }
  }
  return incrs;
}
const EMPTY_OBJ = {};
const EMPTY_ARR = [];
const nullNullTuple = [null, null];
const isArr = Array.isArray;
const isInt = Number.isInteger;
const isUndef = (v) => v === void 0;
function isStr(v) {
  return typeof v == "string";
}
function isObj(v) {
  let is2 = false;
  if (v != null) {
    let c = v.constructor;
    is2 = c == null || c == Object;
  }
  return is2;
}
function fastIsObj(v) {
  return v != null && typeof v == "object";
}
const TypedArray = Object.getPrototypeOf(Uint8Array);
const __proto__ = "__proto__";
function copy(o, _isObj = isObj) {
  let out;
  if (isArr(o)) {
    let val = o.find((v) => v != null);
    if (isArr(val) || _isObj(val)) {
      out = Array(o.length);
      for (let i = 0; i < o.length; i++)
        out[i] = copy(o[i], _isObj);
    } else
      out = o.slice();
  } else if (o instanceof TypedArray)
    out = o.slice();
  else if (_isObj(o)) {
    out = {};
    for (let k in o) {
      if (k != __proto__)
        out[k] = copy(o[k], _isObj);
    }
  } else
    out = o;
  return out;
}
function assign(targ) {
  let args = arguments;
  for (let i = 1; i < args.length; i++) {
    let src = args[i];
    for (let key2 in src) {
      if (key2 != __proto__) {
        if (isObj(targ[key2]))
          assign(targ[key2], copy(src[key2]));
        else
          targ[key2] = copy(src[key2]);
      }
    }
  }
  return targ;
}
const NULL_REMOVE = 0;
const NULL_RETAIN = 1;
const NULL_EXPAND = 2;
function nullExpand(yVals, nullIdxs, alignedLen) {
  for (let i = 0, xi, lastNullIdx = -1; i < nullIdxs.length; i++) {
    let nullIdx = nullIdxs[i];
    if (nullIdx > lastNullIdx) {
      xi = nullIdx - 1;
      while (xi >= 0 && yVals[xi] == null)
        yVals[xi--] = null;
      xi = nullIdx + 1;
      while (xi < alignedLen && yVals[xi] == null)
        yVals[lastNullIdx = xi++] = null;
    }
  }
}
function join(tables, nullModes) {
  if (allHeadersSame(tables)) {
    let table = tables[0].slice();
    for (let i = 1; i < tables.length; i++)
      table.push(...tables[i].slice(1));
    if (!isAsc(table[0]))
      table = sortCols(table);
    return table;
  }
  let xVals = /* @__PURE__ */ new Set();
  for (let ti = 0; ti < tables.length; ti++) {
    let t = tables[ti];
    let xs = t[0];
    let len = xs.length;
    for (let i = 0; i < len; i++)
      xVals.add(xs[i]);
  }
  let data = [Array.from(xVals).sort((a, b) => a - b)];
  let alignedLen = data[0].length;
  let xIdxs = /* @__PURE__ */ new Map();
  for (let i = 0; i < alignedLen; i++)
    xIdxs.set(data[0][i], i);
  for (let ti = 0; ti < tables.length; ti++) {
    let t = tables[ti];
    let xs = t[0];
    for (let si = 1; si < t.length; si++) {
      let ys = t[si];
      let yVals = Array(alignedLen).fill(void 0);
      let nullMode = nullModes ? nullModes[ti][si] : NULL_RETAIN;
      let nullIdxs = [];
      for (let i = 0; i < ys.length; i++) {
        let yVal = ys[i];
        let alignedIdx = xIdxs.get(xs[i]);
        if (yVal === null) {
          if (nullMode != NULL_REMOVE) {
            yVals[alignedIdx] = yVal;
            if (nullMode == NULL_EXPAND)
              nullIdxs.push(alignedIdx);
          }
        } else
          yVals[alignedIdx] = yVal;
      }
      nullExpand(yVals, nullIdxs, alignedLen);
      data.push(yVals);
    }
  }
  return data;
}
const microTask = typeof queueMicrotask == "undefined" ? (fn) => Promise.resolve().then(fn) : queueMicrotask;
function sortCols(table) {
  let head = table[0];
  let rlen = head.length;
  let idxs = Array(rlen);
  for (let i = 0; i < idxs.length; i++)
    idxs[i] = i;
  idxs.sort((i0, i1) => head[i0] - head[i1]);
  let table2 = [];
  for (let i = 0; i < table.length; i++) {
    let row = table[i];
    let row2 = Array(rlen);
    for (let j = 0; j < rlen; j++)
      row2[j] = row[idxs[j]];
    table2.push(row2);
  }
  return table2;
}
function allHeadersSame(tables) {
  let vals0 = tables[0][0];
  let len0 = vals0.length;
  for (let i = 1; i < tables.length; i++) {
    let vals1 = tables[i][0];
    if (vals1.length != len0)
      return false;
    if (vals1 != vals0) {
      for (let j = 0; j < len0; j++) {
        if (vals1[j] != vals0[j])
          return false;
      }
    }
  }
  return true;
}
function isAsc(vals, samples = 100) {
  const len = vals.length;
  if (len <= 1)
    return true;
  let firstIdx = 0;
  let lastIdx = len - 1;
  while (firstIdx <= lastIdx && vals[firstIdx] == null)
    firstIdx++;
  while (lastIdx >= firstIdx && vals[lastIdx] == null)
    lastIdx--;
  if (lastIdx <= firstIdx)
    return true;
  const stride = max(1, floor((lastIdx - firstIdx + 1) / samples));
  for (let prevVal = vals[firstIdx], i = firstIdx + stride; i <= lastIdx; i += stride) {
    const v = vals[i];
    if (v != null) {
      if (v <= prevVal)
        return false;
      prevVal = v;
    }
  }
  return true;
}
const months = [
  "January",
  "February",
  "March",
  "April",
  "May",
  "June",
  "July",
  "August",
  "September",
  "October",
  "November",
  "December"
];
const days = [
  "Sunday",
  "Monday",
  "Tuesday",
  "Wednesday",
  "Thursday",
  "Friday",
  "Saturday"
];
function slice3(str) {
  return str.slice(0, 3);
}
const days3 = days.map(slice3);
const months3 = months.map(slice3);
const engNames = {
  MMMM: months,
  MMM: months3,
  WWWW: days,
  WWW: days3
};
function zeroPad2(int) {
  return (int < 10 ? "0" : "") + int;
}
function zeroPad3(int) {
  return (int < 10 ? "00" : int < 100 ? "0" : "") + int;
}
const subs = {
  // 2019
  YYYY: (d) => d.getFullYear(),
  // 19
  YY: (d) => (d.getFullYear() + "").slice(2),
  // July
  MMMM: (d, names) => names.MMMM[d.getMonth()],
  // Jul
  MMM: (d, names) => names.MMM[d.getMonth()],
  // 07
  MM: (d) => zeroPad2(d.getMonth() + 1),
  // 7
  M: (d) => d.getMonth() + 1,
  // 09
  DD: (d) => zeroPad2(d.getDate()),
  // 9
  D: (d) => d.getDate(),
  // Monday
  WWWW: (d, names) => names.WWWW[d.getDay()],
  // Mon
  WWW: (d, names) => names.WWW[d.getDay()],
  // 03
  HH: (d) => zeroPad2(d.getHours()),
  // 3
  H: (d) => d.getHours(),
  // 9 (12hr, unpadded)
  h: (d) => {
    let h = d.getHours();
    return h == 0 ? 12 : h > 12 ? h - 12 : h;
  },
  // AM
  AA: (d) => d.getHours() >= 12 ? "PM" : "AM",
  // am
  aa: (d) => d.getHours() >= 12 ? "pm" : "am",
  // a
  a: (d) => d.getHours() >= 12 ? "p" : "a",
  // 09
  mm: (d) => zeroPad2(d.getMinutes()),
  // 9
  m: (d) => d.getMinutes(),
  // 09
  ss: (d) => zeroPad2(d.getSeconds()),
  // 9
  s: (d) => d.getSeconds(),
  // 374
  fff: (d) => zeroPad3(d.getMilliseconds())
};
function fmtDate(tpl, names) {
  names = names || engNames;
  let parts = [];
  let R = /\{([a-z]+)\}|[^{]+/gi, m;
  while (m = R.exec(tpl))
    parts.push(m[0][0] == "{" ? subs[m[1]] : m[0]);
  return (d) => {
    let out = "";
    for (let i = 0; i < parts.length; i++)
      out += typeof parts[i] == "string" ? parts[i] : parts[i](d, names);
    return out;
  };
}
const localTz = new Intl.DateTimeFormat().resolvedOptions().timeZone;
function tzDate(date, tz) {
  let date2;
  if (tz == "UTC" || tz == "Etc/UTC")
    date2 = new Date(+date + date.getTimezoneOffset() * 6e4);
  else if (tz == localTz)
    date2 = date;
  else {
    date2 = new Date(date.toLocaleString("en-US", { timeZone: tz }));
    date2.setMilliseconds(date.getMilliseconds());
  }
  return date2;
}
const onlyWhole = (v) => v % 1 == 0;
const allMults = [1, 2, 2.5, 5];
const decIncrs = genIncrs(10, -32, 0, allMults);
const oneIncrs = genIncrs(10, 0, 32, allMults);
const wholeIncrs = oneIncrs.filter(onlyWhole);
const numIncrs = decIncrs.concat(oneIncrs);
const NL = "\n";
const yyyy = "{YYYY}";
const NLyyyy = NL + yyyy;
const md = "{M}/{D}";
const NLmd = NL + md;
const NLmdyy = NLmd + "/{YY}";
const aa = "{aa}";
const hmm = "{h}:{mm}";
const hmmaa = hmm + aa;
const NLhmmaa = NL + hmmaa;
const ss = ":{ss}";
const _ = null;
function genTimeStuffs(ms) {
  let s = ms * 1e3, m = s * 60, h = m * 60, d = h * 24, mo = d * 30, y = d * 365;
  let subSecIncrs = ms == 1 ? genIncrs(10, 0, 3, allMults).filter(onlyWhole) : genIncrs(10, -3, 0, allMults);
  let timeIncrs = subSecIncrs.concat([
    // minute divisors (# of secs)
    s,
    s * 5,
    s * 10,
    s * 15,
    s * 30,
    // hour divisors (# of mins)
    m,
    m * 5,
    m * 10,
    m * 15,
    m * 30,
    // day divisors (# of hrs)
    h,
    h * 2,
    h * 3,
    h * 4,
    h * 6,
    h * 8,
    h * 12,
    // month divisors TODO: need more?
    d,
    d * 2,
    d * 3,
    d * 4,
    d * 5,
    d * 6,
    d * 7,
    d * 8,
    d * 9,
    d * 10,
    d * 15,
    // year divisors (# months, approx)
    mo,
    mo * 2,
    mo * 3,
    mo * 4,
    mo * 6,
    // century divisors
    y,
    y * 2,
    y * 5,
    y * 10,
    y * 25,
    y * 50,
    y * 100
  ]);
  const _timeAxisStamps = [
    //   tick incr    default          year                    month   day                   hour    min       sec   mode
    [y, yyyy, _, _, _, _, _, _, 1],
    [d * 28, "{MMM}", NLyyyy, _, _, _, _, _, 1],
    [d, md, NLyyyy, _, _, _, _, _, 1],
    [h, "{h}" + aa, NLmdyy, _, NLmd, _, _, _, 1],
    [m, hmmaa, NLmdyy, _, NLmd, _, _, _, 1],
    [s, ss, NLmdyy + " " + hmmaa, _, NLmd + " " + hmmaa, _, NLhmmaa, _, 1],
    [ms, ss + ".{fff}", NLmdyy + " " + hmmaa, _, NLmd + " " + hmmaa, _, NLhmmaa, _, 1]
  ];
  function timeAxisSplits(tzDate2) {
    return (self, axisIdx, scaleMin, scaleMax, foundIncr, foundSpace) => {
      let splits = [];
      let isYr = foundIncr >= y;
      let isMo = foundIncr >= mo && foundIncr < y;
      let minDate = tzDate2(scaleMin);
      let minDateTs = roundDec(minDate * ms, 3);
      let minMin = mkDate(minDate.getFullYear(), isYr ? 0 : minDate.getMonth(), isMo || isYr ? 1 : minDate.getDate());
      let minMinTs = roundDec(minMin * ms, 3);
      if (isMo || isYr) {
        let moIncr = isMo ? foundIncr / mo : 0;
        let yrIncr = isYr ? foundIncr / y : 0;
        let split = minDateTs == minMinTs ? minDateTs : roundDec(mkDate(minMin.getFullYear() + yrIncr, minMin.getMonth() + moIncr, 1) * ms, 3);
        let splitDate = new Date(round(split / ms));
        let baseYear = splitDate.getFullYear();
        let baseMonth = splitDate.getMonth();
        for (let i = 0; split <= scaleMax; i++) {
          let next = mkDate(baseYear + yrIncr * i, baseMonth + moIncr * i, 1);
          let offs = next - tzDate2(roundDec(next * ms, 3));
          split = roundDec((+next + offs) * ms, 3);
          if (split <= scaleMax)
            splits.push(split);
        }
      } else {
        let incr0 = foundIncr >= d ? d : foundIncr;
        let tzOffset = floor(scaleMin) - floor(minDateTs);
        let split = minMinTs + tzOffset + incrRoundUp(minDateTs - minMinTs, incr0);
        splits.push(split);
        let date0 = tzDate2(split);
        let prevHour = date0.getHours() + date0.getMinutes() / m + date0.getSeconds() / h;
        let incrHours = foundIncr / h;
        let minSpace = self.axes[axisIdx]._space;
        let pctSpace = foundSpace / minSpace;
        while (1) {
          split = roundDec(split + foundIncr, ms == 1 ? 0 : 3);
          if (split > scaleMax)
            break;
          if (incrHours > 1) {
            let expectedHour = floor(roundDec(prevHour + incrHours, 6)) % 24;
            let splitDate = tzDate2(split);
            let actualHour = splitDate.getHours();
            let dstShift = actualHour - expectedHour;
            if (dstShift > 1)
              dstShift = -1;
            split -= dstShift * h;
            prevHour = (prevHour + incrHours) % 24;
            let prevSplit = splits[splits.length - 1];
            let pctIncr = roundDec((split - prevSplit) / foundIncr, 3);
            if (pctIncr * pctSpace >= 0.7)
              splits.push(split);
          } else
            splits.push(split);
        }
      }
      return splits;
    };
  }
  return [
    timeIncrs,
    _timeAxisStamps,
    timeAxisSplits
  ];
}
const [timeIncrsMs, _timeAxisStampsMs, timeAxisSplitsMs] = genTimeStuffs(1);
const [timeIncrsS, _timeAxisStampsS, timeAxisSplitsS] = genTimeStuffs(1e-3);
genIncrs(2, -53, 53, [1]);
function timeAxisStamps(stampCfg, fmtDate2) {
  return stampCfg.map((s) => s.map(
    (v, i) => i == 0 || i == 8 || v == null ? v : fmtDate2(i == 1 || s[8] == 0 ? v : s[1] + v)
  ));
}
function timeAxisVals(tzDate2, stamps) {
  return (self, splits, axisIdx, foundSpace, foundIncr) => {
    let s = stamps.find((s2) => foundIncr >= s2[0]) || stamps[stamps.length - 1];
    let prevYear;
    let prevMnth;
    let prevDate;
    let prevHour;
    let prevMins;
    let prevSecs;
    return splits.map((split) => {
      let date = tzDate2(split);
      let newYear = date.getFullYear();
      let newMnth = date.getMonth();
      let newDate = date.getDate();
      let newHour = date.getHours();
      let newMins = date.getMinutes();
      let newSecs = date.getSeconds();
      let stamp = newYear != prevYear && s[2] || newMnth != prevMnth && s[3] || newDate != prevDate && s[4] || newHour != prevHour && s[5] || newMins != prevMins && s[6] || newSecs != prevSecs && s[7] || s[1];
      prevYear = newYear;
      prevMnth = newMnth;
      prevDate = newDate;
      prevHour = newHour;
      prevMins = newMins;
      prevSecs = newSecs;
      return stamp(date);
    });
  };
}
function timeAxisVal(tzDate2, dateTpl) {
  let stamp = fmtDate(dateTpl);
  return (self, splits, axisIdx, foundSpace, foundIncr) => splits.map((split) => stamp(tzDate2(split)));
}
function mkDate(y, m, d) {
  return new Date(y, m, d);
}
function timeSeriesStamp(stampCfg, fmtDate2) {
  return fmtDate2(stampCfg);
}
const _timeSeriesStamp = "{YYYY}-{MM}-{DD} {h}:{mm}{aa}";
function timeSeriesVal(tzDate2, stamp) {
  return (self, val, seriesIdx, dataIdx) => dataIdx == null ? LEGEND_DISP : stamp(tzDate2(val));
}
function legendStroke(self, seriesIdx) {
  let s = self.series[seriesIdx];
  return s.width ? s.stroke(self, seriesIdx) : s.points.width ? s.points.stroke(self, seriesIdx) : null;
}
function legendFill(self, seriesIdx) {
  return self.series[seriesIdx].fill(self, seriesIdx);
}
const legendOpts = {
  show: true,
  live: true,
  isolate: false,
  mount: noop,
  markers: {
    show: true,
    width: 2,
    stroke: legendStroke,
    fill: legendFill,
    dash: "solid"
  },
  idx: null,
  idxs: null,
  values: []
};
function cursorPointShow(self, si) {
  let o = self.cursor.points;
  let pt = placeDiv();
  let size = o.size(self, si);
  setStylePx(pt, WIDTH, size);
  setStylePx(pt, HEIGHT, size);
  let mar = size / -2;
  setStylePx(pt, "marginLeft", mar);
  setStylePx(pt, "marginTop", mar);
  let width = o.width(self, si, size);
  width && setStylePx(pt, "borderWidth", width);
  return pt;
}
function cursorPointFill(self, si) {
  let sp = self.series[si].points;
  return sp._fill || sp._stroke;
}
function cursorPointStroke(self, si) {
  let sp = self.series[si].points;
  return sp._stroke || sp._fill;
}
function cursorPointSize(self, si) {
  let sp = self.series[si].points;
  return sp.size;
}
const moveTuple = [0, 0];
function cursorMove(self, mouseLeft1, mouseTop1) {
  moveTuple[0] = mouseLeft1;
  moveTuple[1] = mouseTop1;
  return moveTuple;
}
function filtBtn0(self, targ, handle, onlyTarg = true) {
  return (e) => {
    e.button == 0 && (!onlyTarg || e.target == targ) && handle(e);
  };
}
function filtTarg(self, targ, handle, onlyTarg = true) {
  return (e) => {
    (!onlyTarg || e.target == targ) && handle(e);
  };
}
const cursorOpts = {
  show: true,
  x: true,
  y: true,
  lock: false,
  move: cursorMove,
  points: {
    one: false,
    show: cursorPointShow,
    size: cursorPointSize,
    width: 0,
    stroke: cursorPointStroke,
    fill: cursorPointFill
  },
  bind: {
    mousedown: filtBtn0,
    mouseup: filtBtn0,
    click: filtBtn0,
    // legend clicks, not .u-over clicks
    dblclick: filtBtn0,
    mousemove: filtTarg,
    mouseleave: filtTarg,
    mouseenter: filtTarg
  },
  drag: {
    setScale: true,
    x: true,
    y: false,
    dist: 0,
    uni: null,
    click: (self, e) => {
      e.stopPropagation();
      e.stopImmediatePropagation();
    },
    _x: false,
    _y: false
  },
  focus: {
    dist: (self, seriesIdx, dataIdx, valPos, curPos) => valPos - curPos,
    prox: -1,
    bias: 0
  },
  hover: {
    skip: [void 0],
    prox: null,
    bias: 0
  },
  left: -10,
  top: -10,
  idx: null,
  dataIdx: null,
  idxs: null,
  event: null
};
const axisLines = {
  show: true,
  stroke: "rgba(0,0,0,0.07)",
  width: 2
  //	dash: [],
};
const grid = assign({}, axisLines, {
  filter: retArg1
});
const ticks = assign({}, grid, {
  size: 10
});
const border = assign({}, axisLines, {
  show: false
});
const font = '12px system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, "Noto Sans", sans-serif, "Apple Color Emoji", "Segoe UI Emoji", "Segoe UI Symbol", "Noto Color Emoji"';
const labelFont = "bold " + font;
const lineGap = 1.5;
const xAxisOpts = {
  show: true,
  scale: "x",
  stroke: hexBlack,
  space: 50,
  gap: 5,
  alignTo: 1,
  size: 50,
  labelGap: 0,
  labelSize: 30,
  labelFont,
  side: 2,
  //	class: "x-vals",
  //	incrs: timeIncrs,
  //	values: timeVals,
  //	filter: retArg1,
  grid,
  ticks,
  border,
  font,
  lineGap,
  rotate: 0
};
const numSeriesLabel = "Value";
const timeSeriesLabel = "Time";
const xSeriesOpts = {
  show: true,
  scale: "x",
  auto: false,
  sorted: 1,
  //	label: "Time",
  //	value: v => stamp(new Date(v * 1e3)),
  // internal caches
  min: inf,
  max: -inf,
  idxs: []
};
function numAxisVals(self, splits, axisIdx, foundSpace, foundIncr) {
  return splits.map((v) => v == null ? "" : fmtNum(v));
}
function numAxisSplits(self, axisIdx, scaleMin, scaleMax, foundIncr, foundSpace, forceMin) {
  let splits = [];
  let numDec = fixedDec.get(foundIncr) || 0;
  scaleMin = forceMin ? scaleMin : roundDec(incrRoundUp(scaleMin, foundIncr), numDec);
  for (let val = scaleMin; val <= scaleMax; val = roundDec(val + foundIncr, numDec))
    splits.push(Object.is(val, -0) ? 0 : val);
  return splits;
}
function logAxisSplits(self, axisIdx, scaleMin, scaleMax, foundIncr, foundSpace, forceMin) {
  const splits = [];
  const logBase = self.scales[self.axes[axisIdx].scale].log;
  const logFn = logBase == 10 ? log10 : log2;
  const exp = floor(logFn(scaleMin));
  foundIncr = pow(logBase, exp);
  if (logBase == 10)
    foundIncr = numIncrs[closestIdx(foundIncr, numIncrs)];
  let split = scaleMin;
  let nextMagIncr = foundIncr * logBase;
  if (logBase == 10)
    nextMagIncr = numIncrs[closestIdx(nextMagIncr, numIncrs)];
  do {
    splits.push(split);
    split = split + foundIncr;
    if (logBase == 10 && !fixedDec.has(split))
      split = roundDec(split, fixedDec.get(foundIncr));
    if (split >= nextMagIncr) {
      foundIncr = split;
      nextMagIncr = foundIncr * logBase;
      if (logBase == 10)
        nextMagIncr = numIncrs[closestIdx(nextMagIncr, numIncrs)];
    }
  } while (split <= scaleMax);
  return splits;
}
function asinhAxisSplits(self, axisIdx, scaleMin, scaleMax, foundIncr, foundSpace, forceMin) {
  let sc = self.scales[self.axes[axisIdx].scale];
  let linthresh = sc.asinh;
  let posSplits = scaleMax > linthresh ? logAxisSplits(self, axisIdx, max(linthresh, scaleMin), scaleMax, foundIncr) : [linthresh];
  let zero = scaleMax >= 0 && scaleMin <= 0 ? [0] : [];
  let negSplits = scaleMin < -linthresh ? logAxisSplits(self, axisIdx, max(linthresh, -scaleMax), -scaleMin, foundIncr) : [linthresh];
  return negSplits.reverse().map((v) => -v).concat(zero, posSplits);
}
const RE_ALL = /./;
const RE_12357 = /[12357]/;
const RE_125 = /[125]/;
const RE_1 = /1/;
const _filt = (splits, distr, re, keepMod) => splits.map((v, i) => distr == 4 && v == 0 || i % keepMod == 0 && re.test(v.toExponential()[v < 0 ? 1 : 0]) ? v : null);
function log10AxisValsFilt(self, splits, axisIdx, foundSpace, foundIncr) {
  let axis = self.axes[axisIdx];
  let scaleKey = axis.scale;
  let sc = self.scales[scaleKey];
  let valToPos = self.valToPos;
  let minSpace = axis._space;
  let _10 = valToPos(10, scaleKey);
  let re = valToPos(9, scaleKey) - _10 >= minSpace ? RE_ALL : valToPos(7, scaleKey) - _10 >= minSpace ? RE_12357 : valToPos(5, scaleKey) - _10 >= minSpace ? RE_125 : RE_1;
  if (re == RE_1) {
    let magSpace = abs(valToPos(1, scaleKey) - _10);
    if (magSpace < minSpace)
      return _filt(splits.slice().reverse(), sc.distr, re, ceil(minSpace / magSpace)).reverse();
  }
  return _filt(splits, sc.distr, re, 1);
}
function log2AxisValsFilt(self, splits, axisIdx, foundSpace, foundIncr) {
  let axis = self.axes[axisIdx];
  let scaleKey = axis.scale;
  let minSpace = axis._space;
  let valToPos = self.valToPos;
  let magSpace = abs(valToPos(1, scaleKey) - valToPos(2, scaleKey));
  if (magSpace < minSpace)
    return _filt(splits.slice().reverse(), 3, RE_ALL, ceil(minSpace / magSpace)).reverse();
  return splits;
}
function numSeriesVal(self, val, seriesIdx, dataIdx) {
  return dataIdx == null ? LEGEND_DISP : val == null ? "" : fmtNum(val);
}
const yAxisOpts = {
  show: true,
  scale: "y",
  stroke: hexBlack,
  space: 30,
  gap: 5,
  alignTo: 1,
  size: 50,
  labelGap: 0,
  labelSize: 30,
  labelFont,
  side: 3,
  //	class: "y-vals",
  //	incrs: numIncrs,
  //	values: (vals, space) => vals,
  //	filter: retArg1,
  grid,
  ticks,
  border,
  font,
  lineGap,
  rotate: 0
};
function ptDia(width, mult) {
  let dia = 3 + (width || 1) * 2;
  return roundDec(dia * mult, 3);
}
function seriesPointsShow(self, si) {
  let { scale, idxs } = self.series[0];
  let xData = self._data[0];
  let p0 = self.valToPos(xData[idxs[0]], scale, true);
  let p1 = self.valToPos(xData[idxs[1]], scale, true);
  let dim = abs(p1 - p0);
  let s = self.series[si];
  let maxPts = dim / (s.points.space * pxRatio);
  return idxs[1] - idxs[0] <= maxPts;
}
const facet = {
  scale: null,
  auto: true,
  sorted: 0,
  // internal caches
  min: inf,
  max: -inf
};
const gaps = (self, seriesIdx, idx0, idx1, nullGaps) => nullGaps;
const xySeriesOpts = {
  show: true,
  auto: true,
  sorted: 0,
  gaps,
  alpha: 1,
  facets: [
    assign({}, facet, { scale: "x" }),
    assign({}, facet, { scale: "y" })
  ]
};
const ySeriesOpts = {
  scale: "y",
  auto: true,
  sorted: 0,
  show: true,
  spanGaps: false,
  gaps,
  alpha: 1,
  points: {
    show: seriesPointsShow,
    filter: null
    //  paths:
    //	stroke: "#000",
    //	fill: "#fff",
    //	width: 1,
    //	size: 10,
  },
  //	label: "Value",
  //	value: v => v,
  values: null,
  // internal caches
  min: inf,
  max: -inf,
  idxs: [],
  path: null,
  clip: null
};
function clampScale(self, val, scaleMin, scaleMax, scaleKey) {
  return scaleMin / 10;
}
const xScaleOpts = {
  time: FEAT_TIME,
  auto: true,
  distr: 1,
  log: 10,
  asinh: 1,
  min: null,
  max: null,
  dir: 1,
  ori: 0
};
const yScaleOpts = assign({}, xScaleOpts, {
  time: false,
  ori: 1
});
const syncs = {};
function _sync(key2, opts) {
  let s = syncs[key2];
  if (!s) {
    s = {
      key: key2,
      plots: [],
      sub(plot) {
        s.plots.push(plot);
      },
      unsub(plot) {
        s.plots = s.plots.filter((c) => c != plot);
      },
      pub(type, self, x, y, w, h, i) {
        for (let j = 0; j < s.plots.length; j++)
          s.plots[j] != self && s.plots[j].pub(type, self, x, y, w, h, i);
      }
    };
    if (key2 != null)
      syncs[key2] = s;
  }
  return s;
}
const BAND_CLIP_FILL = 1 << 0;
const BAND_CLIP_STROKE = 1 << 1;
function orient(u, seriesIdx, cb) {
  const mode = u.mode;
  const series = u.series[seriesIdx];
  const data = mode == 2 ? u._data[seriesIdx] : u._data;
  const scales = u.scales;
  const bbox = u.bbox;
  let dx = data[0], dy = mode == 2 ? data[1] : data[seriesIdx], sx = mode == 2 ? scales[series.facets[0].scale] : scales[u.series[0].scale], sy = mode == 2 ? scales[series.facets[1].scale] : scales[series.scale], l = bbox.left, t = bbox.top, w = bbox.width, h = bbox.height, H = u.valToPosH, V = u.valToPosV;
  return sx.ori == 0 ? cb(
    series,
    dx,
    dy,
    sx,
    sy,
    H,
    V,
    l,
    t,
    w,
    h,
    moveToH,
    lineToH,
    rectH,
    arcH,
    bezierCurveToH
  ) : cb(
    series,
    dx,
    dy,
    sx,
    sy,
    V,
    H,
    t,
    l,
    h,
    w,
    moveToV,
    lineToV,
    rectV,
    arcV,
    bezierCurveToV
  );
}
function bandFillClipDirs(self, seriesIdx) {
  let fillDir = 0;
  let clipDirs = 0;
  let bands = ifNull(self.bands, EMPTY_ARR);
  for (let i = 0; i < bands.length; i++) {
    let b = bands[i];
    if (b.series[0] == seriesIdx)
      fillDir = b.dir;
    else if (b.series[1] == seriesIdx) {
      if (b.dir == 1)
        clipDirs |= 1;
      else
        clipDirs |= 2;
    }
  }
  return [
    fillDir,
    clipDirs == 1 ? -1 : (
      // neg only
      clipDirs == 2 ? 1 : (
        // pos only
        clipDirs == 3 ? 2 : (
          // both
          0
        )
      )
    )
  ];
}
function seriesFillTo(self, seriesIdx, dataMin, dataMax, bandFillDir) {
  let mode = self.mode;
  let series = self.series[seriesIdx];
  let scaleKey = mode == 2 ? series.facets[1].scale : series.scale;
  let scale = self.scales[scaleKey];
  return bandFillDir == -1 ? scale.min : bandFillDir == 1 ? scale.max : scale.distr == 3 ? scale.dir == 1 ? scale.min : scale.max : 0;
}
function clipBandLine(self, seriesIdx, idx0, idx1, strokePath, clipDir) {
  return orient(self, seriesIdx, (series, dataX, dataY, scaleX, scaleY, valToPosX, valToPosY, xOff, yOff, xDim, yDim) => {
    let pxRound = series.pxRound;
    const dir = scaleX.dir * (scaleX.ori == 0 ? 1 : -1);
    const lineTo = scaleX.ori == 0 ? lineToH : lineToV;
    let frIdx, toIdx;
    if (dir == 1) {
      frIdx = idx0;
      toIdx = idx1;
    } else {
      frIdx = idx1;
      toIdx = idx0;
    }
    let x0 = pxRound(valToPosX(dataX[frIdx], scaleX, xDim, xOff));
    let y0 = pxRound(valToPosY(dataY[frIdx], scaleY, yDim, yOff));
    let x1 = pxRound(valToPosX(dataX[toIdx], scaleX, xDim, xOff));
    let yLimit = pxRound(valToPosY(clipDir == 1 ? scaleY.max : scaleY.min, scaleY, yDim, yOff));
    let clip = new Path2D(strokePath);
    lineTo(clip, x1, yLimit);
    lineTo(clip, x0, yLimit);
    lineTo(clip, x0, y0);
    return clip;
  });
}
function clipGaps(gaps2, ori, plotLft, plotTop, plotWid, plotHgt) {
  let clip = null;
  if (gaps2.length > 0) {
    clip = new Path2D();
    const rect2 = ori == 0 ? rectH : rectV;
    let prevGapEnd = plotLft;
    for (let i = 0; i < gaps2.length; i++) {
      let g = gaps2[i];
      if (g[1] > g[0]) {
        let w2 = g[0] - prevGapEnd;
        w2 > 0 && rect2(clip, prevGapEnd, plotTop, w2, plotTop + plotHgt);
        prevGapEnd = g[1];
      }
    }
    let w = plotLft + plotWid - prevGapEnd;
    let maxStrokeWidth = 10;
    w > 0 && rect2(clip, prevGapEnd, plotTop - maxStrokeWidth / 2, w, plotTop + plotHgt + maxStrokeWidth);
  }
  return clip;
}
function addGap(gaps2, fromX, toX) {
  let prevGap = gaps2[gaps2.length - 1];
  if (prevGap && prevGap[0] == fromX)
    prevGap[1] = toX;
  else
    gaps2.push([fromX, toX]);
}
function findGaps(xs, ys, idx0, idx1, dir, pixelForX, align2) {
  let gaps2 = [];
  let len = xs.length;
  for (let i = dir == 1 ? idx0 : idx1; i >= idx0 && i <= idx1; i += dir) {
    let yVal = ys[i];
    if (yVal === null) {
      let fr = i, to = i;
      if (dir == 1) {
        while (++i <= idx1 && ys[i] === null)
          to = i;
      } else {
        while (--i >= idx0 && ys[i] === null)
          to = i;
      }
      let frPx = pixelForX(xs[fr]);
      let toPx = to == fr ? frPx : pixelForX(xs[to]);
      let fri2 = fr - dir;
      let frPx2 = align2 <= 0 && fri2 >= 0 && fri2 < len ? pixelForX(xs[fri2]) : frPx;
      frPx = frPx2;
      let toi2 = to + dir;
      let toPx2 = align2 >= 0 && toi2 >= 0 && toi2 < len ? pixelForX(xs[toi2]) : toPx;
      toPx = toPx2;
      if (toPx >= frPx)
        gaps2.push([frPx, toPx]);
    }
  }
  return gaps2;
}
function pxRoundGen(pxAlign) {
  return pxAlign == 0 ? retArg0 : pxAlign == 1 ? round : (v) => incrRound(v, pxAlign);
}
function rect(ori) {
  let moveTo = ori == 0 ? moveToH : moveToV;
  let arcTo = ori == 0 ? (p, x1, y1, x2, y2, r2) => {
    p.arcTo(x1, y1, x2, y2, r2);
  } : (p, y1, x1, y2, x2, r2) => {
    p.arcTo(x1, y1, x2, y2, r2);
  };
  let rect2 = ori == 0 ? (p, x, y, w, h) => {
    p.rect(x, y, w, h);
  } : (p, y, x, h, w) => {
    p.rect(x, y, w, h);
  };
  return (p, x, y, w, h, endRad = 0, baseRad = 0) => {
    if (endRad == 0 && baseRad == 0)
      rect2(p, x, y, w, h);
    else {
      endRad = min(endRad, w / 2, h / 2);
      baseRad = min(baseRad, w / 2, h / 2);
      moveTo(p, x + endRad, y);
      arcTo(p, x + w, y, x + w, y + h, endRad);
      arcTo(p, x + w, y + h, x, y + h, baseRad);
      arcTo(p, x, y + h, x, y, baseRad);
      arcTo(p, x, y, x + w, y, endRad);
      p.closePath();
    }
  };
}
const moveToH = (p, x, y) => {
  p.moveTo(x, y);
};
const moveToV = (p, y, x) => {
  p.moveTo(x, y);
};
const lineToH = (p, x, y) => {
  p.lineTo(x, y);
};
const lineToV = (p, y, x) => {
  p.lineTo(x, y);
};
const rectH = rect(0);
const rectV = rect(1);
const arcH = (p, x, y, r2, startAngle, endAngle) => {
  p.arc(x, y, r2, startAngle, endAngle);
};
const arcV = (p, y, x, r2, startAngle, endAngle) => {
  p.arc(x, y, r2, startAngle, endAngle);
};
const bezierCurveToH = (p, bp1x, bp1y, bp2x, bp2y, p2x, p2y) => {
  p.bezierCurveTo(bp1x, bp1y, bp2x, bp2y, p2x, p2y);
};
const bezierCurveToV = (p, bp1y, bp1x, bp2y, bp2x, p2y, p2x) => {
  p.bezierCurveTo(bp1x, bp1y, bp2x, bp2y, p2x, p2y);
};
function points(opts) {
  return (u, seriesIdx, idx0, idx1, filtIdxs) => {
    return orient(u, seriesIdx, (series, dataX, dataY, scaleX, scaleY, valToPosX, valToPosY, xOff, yOff, xDim, yDim) => {
      let { pxRound, points: points2 } = series;
      let moveTo, arc;
      if (scaleX.ori == 0) {
        moveTo = moveToH;
        arc = arcH;
      } else {
        moveTo = moveToV;
        arc = arcV;
      }
      const width = roundDec(points2.width * pxRatio, 3);
      let rad = (points2.size - points2.width) / 2 * pxRatio;
      let dia = roundDec(rad * 2, 3);
      let fill = new Path2D();
      let clip = new Path2D();
      let { left: lft, top, width: wid, height: hgt } = u.bbox;
      rectH(
        clip,
        lft - dia,
        top - dia,
        wid + dia * 2,
        hgt + dia * 2
      );
      const drawPoint = (pi) => {
        if (dataY[pi] != null) {
          let x = pxRound(valToPosX(dataX[pi], scaleX, xDim, xOff));
          let y = pxRound(valToPosY(dataY[pi], scaleY, yDim, yOff));
          moveTo(fill, x + rad, y);
          arc(fill, x, y, rad, 0, PI * 2);
        }
      };
      if (filtIdxs)
        filtIdxs.forEach(drawPoint);
      else {
        for (let pi = idx0; pi <= idx1; pi++)
          drawPoint(pi);
      }
      return {
        stroke: width > 0 ? fill : null,
        fill,
        clip,
        flags: BAND_CLIP_FILL | BAND_CLIP_STROKE
      };
    });
  };
}
function _drawAcc(lineTo) {
  return (stroke, accX, minY, maxY, inY, outY) => {
    if (minY != maxY) {
      if (inY != minY && outY != minY)
        lineTo(stroke, accX, minY);
      if (inY != maxY && outY != maxY)
        lineTo(stroke, accX, maxY);
      lineTo(stroke, accX, outY);
    }
  };
}
const drawAccH = _drawAcc(lineToH);
const drawAccV = _drawAcc(lineToV);
function linear(opts) {
  const alignGaps = ifNull(opts?.alignGaps, 0);
  return (u, seriesIdx, idx0, idx1) => {
    return orient(u, seriesIdx, (series, dataX, dataY, scaleX, scaleY, valToPosX, valToPosY, xOff, yOff, xDim, yDim) => {
      [idx0, idx1] = nonNullIdxs(dataY, idx0, idx1);
      let pxRound = series.pxRound;
      let pixelForX = (val) => pxRound(valToPosX(val, scaleX, xDim, xOff));
      let pixelForY = (val) => pxRound(valToPosY(val, scaleY, yDim, yOff));
      let lineTo, drawAcc;
      if (scaleX.ori == 0) {
        lineTo = lineToH;
        drawAcc = drawAccH;
      } else {
        lineTo = lineToV;
        drawAcc = drawAccV;
      }
      const dir = scaleX.dir * (scaleX.ori == 0 ? 1 : -1);
      const _paths = { stroke: new Path2D(), fill: null, clip: null, band: null, gaps: null, flags: BAND_CLIP_FILL };
      const stroke = _paths.stroke;
      let hasGap = false;
      const decimate = idx1 - idx0 >= xDim * 4;
      if (decimate) {
        let xForPixel = (pos) => u.posToVal(pos, scaleX.key, true);
        let minY = null, maxY = null, inY, outY, drawnAtX;
        let accX = pixelForX(dataX[dir == 1 ? idx0 : idx1]);
        let idx0px = pixelForX(dataX[idx0]);
        let idx1px = pixelForX(dataX[idx1]);
        let nextAccXVal = xForPixel(dir == 1 ? idx0px + 1 : idx1px - 1);
        for (let i = dir == 1 ? idx0 : idx1; i >= idx0 && i <= idx1; i += dir) {
          let xVal = dataX[i];
          let reuseAccX = dir == 1 ? xVal < nextAccXVal : xVal > nextAccXVal;
          let x = reuseAccX ? accX : pixelForX(xVal);
          let yVal = dataY[i];
          if (x == accX) {
            if (yVal != null) {
              outY = yVal;
              if (minY == null) {
                lineTo(stroke, x, pixelForY(outY));
                inY = minY = maxY = outY;
              } else {
                if (outY < minY)
                  minY = outY;
                else if (outY > maxY)
                  maxY = outY;
              }
            } else {
              if (yVal === null)
                hasGap = true;
            }
          } else {
            if (minY != null)
              drawAcc(stroke, accX, pixelForY(minY), pixelForY(maxY), pixelForY(inY), pixelForY(outY));
            if (yVal != null) {
              outY = yVal;
              lineTo(stroke, x, pixelForY(outY));
              minY = maxY = inY = outY;
            } else {
              minY = maxY = null;
              if (yVal === null)
                hasGap = true;
            }
            accX = x;
            nextAccXVal = xForPixel(accX + dir);
          }
        }
        if (minY != null && minY != maxY && drawnAtX != accX)
          drawAcc(stroke, accX, pixelForY(minY), pixelForY(maxY), pixelForY(inY), pixelForY(outY));
      } else {
        for (let i = dir == 1 ? idx0 : idx1; i >= idx0 && i <= idx1; i += dir) {
          let yVal = dataY[i];
          if (yVal === null)
            hasGap = true;
          else if (yVal != null)
            lineTo(stroke, pixelForX(dataX[i]), pixelForY(yVal));
        }
      }
      let [bandFillDir, bandClipDir] = bandFillClipDirs(u, seriesIdx);
      if (series.fill != null || bandFillDir != 0) {
        let fill = _paths.fill = new Path2D(stroke);
        let fillToVal = series.fillTo(u, seriesIdx, series.min, series.max, bandFillDir);
        let fillToY = pixelForY(fillToVal);
        let frX = pixelForX(dataX[idx0]);
        let toX = pixelForX(dataX[idx1]);
        if (dir == -1)
          [toX, frX] = [frX, toX];
        lineTo(fill, toX, fillToY);
        lineTo(fill, frX, fillToY);
      }
      if (!series.spanGaps) {
        let gaps2 = [];
        hasGap && gaps2.push(...findGaps(dataX, dataY, idx0, idx1, dir, pixelForX, alignGaps));
        _paths.gaps = gaps2 = series.gaps(u, seriesIdx, idx0, idx1, gaps2);
        _paths.clip = clipGaps(gaps2, scaleX.ori, xOff, yOff, xDim, yDim);
      }
      if (bandClipDir != 0) {
        _paths.band = bandClipDir == 2 ? [
          clipBandLine(u, seriesIdx, idx0, idx1, stroke, -1),
          clipBandLine(u, seriesIdx, idx0, idx1, stroke, 1)
        ] : clipBandLine(u, seriesIdx, idx0, idx1, stroke, bandClipDir);
      }
      return _paths;
    });
  };
}
function stepped(opts) {
  const align2 = ifNull(opts.align, 1);
  const ascDesc = ifNull(opts.ascDesc, false);
  const alignGaps = ifNull(opts.alignGaps, 0);
  const extend = ifNull(opts.extend, false);
  return (u, seriesIdx, idx0, idx1) => {
    return orient(u, seriesIdx, (series, dataX, dataY, scaleX, scaleY, valToPosX, valToPosY, xOff, yOff, xDim, yDim) => {
      [idx0, idx1] = nonNullIdxs(dataY, idx0, idx1);
      let pxRound = series.pxRound;
      let { left, width } = u.bbox;
      let pixelForX = (val) => pxRound(valToPosX(val, scaleX, xDim, xOff));
      let pixelForY = (val) => pxRound(valToPosY(val, scaleY, yDim, yOff));
      let lineTo = scaleX.ori == 0 ? lineToH : lineToV;
      const _paths = { stroke: new Path2D(), fill: null, clip: null, band: null, gaps: null, flags: BAND_CLIP_FILL };
      const stroke = _paths.stroke;
      const dir = scaleX.dir * (scaleX.ori == 0 ? 1 : -1);
      let prevYPos = pixelForY(dataY[dir == 1 ? idx0 : idx1]);
      let firstXPos = pixelForX(dataX[dir == 1 ? idx0 : idx1]);
      let prevXPos = firstXPos;
      let firstXPosExt = firstXPos;
      if (extend && align2 == -1) {
        firstXPosExt = left;
        lineTo(stroke, firstXPosExt, prevYPos);
      }
      lineTo(stroke, firstXPos, prevYPos);
      for (let i = dir == 1 ? idx0 : idx1; i >= idx0 && i <= idx1; i += dir) {
        let yVal1 = dataY[i];
        if (yVal1 == null)
          continue;
        let x1 = pixelForX(dataX[i]);
        let y1 = pixelForY(yVal1);
        if (align2 == 1)
          lineTo(stroke, x1, prevYPos);
        else
          lineTo(stroke, prevXPos, y1);
        lineTo(stroke, x1, y1);
        prevYPos = y1;
        prevXPos = x1;
      }
      let prevXPosExt = prevXPos;
      if (extend && align2 == 1) {
        prevXPosExt = left + width;
        lineTo(stroke, prevXPosExt, prevYPos);
      }
      let [bandFillDir, bandClipDir] = bandFillClipDirs(u, seriesIdx);
      if (series.fill != null || bandFillDir != 0) {
        let fill = _paths.fill = new Path2D(stroke);
        let fillTo = series.fillTo(u, seriesIdx, series.min, series.max, bandFillDir);
        let fillToY = pixelForY(fillTo);
        lineTo(fill, prevXPosExt, fillToY);
        lineTo(fill, firstXPosExt, fillToY);
      }
      if (!series.spanGaps) {
        let gaps2 = [];
        gaps2.push(...findGaps(dataX, dataY, idx0, idx1, dir, pixelForX, alignGaps));
        let halfStroke = series.width * pxRatio / 2;
        let startsOffset = ascDesc || align2 == 1 ? halfStroke : -halfStroke;
        let endsOffset = ascDesc || align2 == -1 ? -halfStroke : halfStroke;
        gaps2.forEach((g) => {
          g[0] += startsOffset;
          g[1] += endsOffset;
        });
        _paths.gaps = gaps2 = series.gaps(u, seriesIdx, idx0, idx1, gaps2);
        _paths.clip = clipGaps(gaps2, scaleX.ori, xOff, yOff, xDim, yDim);
      }
      if (bandClipDir != 0) {
        _paths.band = bandClipDir == 2 ? [
          clipBandLine(u, seriesIdx, idx0, idx1, stroke, -1),
          clipBandLine(u, seriesIdx, idx0, idx1, stroke, 1)
        ] : clipBandLine(u, seriesIdx, idx0, idx1, stroke, bandClipDir);
      }
      return _paths;
    });
  };
}
function findColWidth(dataX, dataY, valToPosX, scaleX, xDim, xOff, colWid = inf) {
  if (dataX.length > 1) {
    let prevIdx = null;
    for (let i = 0, minDelta = Infinity; i < dataX.length; i++) {
      if (dataY[i] !== void 0) {
        if (prevIdx != null) {
          let delta = abs(dataX[i] - dataX[prevIdx]);
          if (delta < minDelta) {
            minDelta = delta;
            colWid = abs(valToPosX(dataX[i], scaleX, xDim, xOff) - valToPosX(dataX[prevIdx], scaleX, xDim, xOff));
          }
        }
        prevIdx = i;
      }
    }
  }
  return colWid;
}
function bars(opts) {
  opts = opts || EMPTY_OBJ;
  const size = ifNull(opts.size, [0.6, inf, 1]);
  const align2 = opts.align || 0;
  const _extraGap = opts.gap || 0;
  let ro = opts.radius;
  ro = // [valueRadius, baselineRadius]
  ro == null ? [0, 0] : typeof ro == "number" ? [ro, 0] : ro;
  const radiusFn = fnOrSelf(ro);
  const gapFactor = 1 - size[0];
  const _maxWidth = ifNull(size[1], inf);
  const _minWidth = ifNull(size[2], 1);
  const disp = ifNull(opts.disp, EMPTY_OBJ);
  const _each = ifNull(opts.each, (_2) => {
  });
  const { fill: dispFills, stroke: dispStrokes } = disp;
  return (u, seriesIdx, idx0, idx1) => {
    return orient(u, seriesIdx, (series, dataX, dataY, scaleX, scaleY, valToPosX, valToPosY, xOff, yOff, xDim, yDim) => {
      let pxRound = series.pxRound;
      let _align = align2;
      let extraGap = _extraGap * pxRatio;
      let maxWidth = _maxWidth * pxRatio;
      let minWidth = _minWidth * pxRatio;
      let valRadius, baseRadius;
      if (scaleX.ori == 0)
        [valRadius, baseRadius] = radiusFn(u, seriesIdx);
      else
        [baseRadius, valRadius] = radiusFn(u, seriesIdx);
      const _dirX = scaleX.dir * (scaleX.ori == 0 ? 1 : -1);
      let rect2 = scaleX.ori == 0 ? rectH : rectV;
      let each2 = scaleX.ori == 0 ? _each : (u2, seriesIdx2, i, top, lft, hgt, wid) => {
        _each(u2, seriesIdx2, i, lft, top, wid, hgt);
      };
      let band = ifNull(u.bands, EMPTY_ARR).find((b) => b.series[0] == seriesIdx);
      let fillDir = band != null ? band.dir : 0;
      let fillTo = series.fillTo(u, seriesIdx, series.min, series.max, fillDir);
      let fillToY = pxRound(valToPosY(fillTo, scaleY, yDim, yOff));
      let xShift, barWid, fullGap, colWid = xDim;
      let strokeWidth = pxRound(series.width * pxRatio);
      let multiPath = false;
      let fillColors = null;
      let fillPaths = null;
      let strokeColors = null;
      let strokePaths = null;
      if (dispFills != null && (strokeWidth == 0 || dispStrokes != null)) {
        multiPath = true;
        fillColors = dispFills.values(u, seriesIdx, idx0, idx1);
        fillPaths = /* @__PURE__ */ new Map();
        new Set(fillColors).forEach((color) => {
          if (color != null)
            fillPaths.set(color, new Path2D());
        });
        if (strokeWidth > 0) {
          strokeColors = dispStrokes.values(u, seriesIdx, idx0, idx1);
          strokePaths = /* @__PURE__ */ new Map();
          new Set(strokeColors).forEach((color) => {
            if (color != null)
              strokePaths.set(color, new Path2D());
          });
        }
      }
      let { x0, size: size2 } = disp;
      if (x0 != null && size2 != null) {
        _align = 1;
        dataX = x0.values(u, seriesIdx, idx0, idx1);
        if (x0.unit == 2)
          dataX = dataX.map((pct2) => u.posToVal(xOff + pct2 * xDim, scaleX.key, true));
        let sizes = size2.values(u, seriesIdx, idx0, idx1);
        if (size2.unit == 2)
          barWid = sizes[0] * xDim;
        else
          barWid = valToPosX(sizes[0], scaleX, xDim, xOff) - valToPosX(0, scaleX, xDim, xOff);
        colWid = findColWidth(dataX, dataY, valToPosX, scaleX, xDim, xOff, colWid);
        let gapWid = colWid - barWid;
        fullGap = gapWid + extraGap;
      } else {
        colWid = findColWidth(dataX, dataY, valToPosX, scaleX, xDim, xOff, colWid);
        let gapWid = colWid * gapFactor;
        fullGap = gapWid + extraGap;
        barWid = colWid - fullGap;
      }
      if (fullGap < 1)
        fullGap = 0;
      if (strokeWidth >= barWid / 2)
        strokeWidth = 0;
      if (fullGap < 5)
        pxRound = retArg0;
      let insetStroke = fullGap > 0;
      let rawBarWid = colWid - fullGap - (insetStroke ? strokeWidth : 0);
      barWid = pxRound(clamp(rawBarWid, minWidth, maxWidth));
      xShift = (_align == 0 ? barWid / 2 : _align == _dirX ? 0 : barWid) - _align * _dirX * ((_align == 0 ? extraGap / 2 : 0) + (insetStroke ? strokeWidth / 2 : 0));
      const _paths = { stroke: null, fill: null, clip: null, band: null, gaps: null, flags: 0 };
      const stroke = multiPath ? null : new Path2D();
      let dataY0 = null;
      if (band != null)
        dataY0 = u.data[band.series[1]];
      else {
        let { y0, y1 } = disp;
        if (y0 != null && y1 != null) {
          dataY = y1.values(u, seriesIdx, idx0, idx1);
          dataY0 = y0.values(u, seriesIdx, idx0, idx1);
        }
      }
      let radVal = valRadius * barWid;
      let radBase = baseRadius * barWid;
      for (let i = _dirX == 1 ? idx0 : idx1; i >= idx0 && i <= idx1; i += _dirX) {
        let yVal = dataY[i];
        if (yVal == null)
          continue;
        if (dataY0 != null) {
          let yVal0 = dataY0[i] ?? 0;
          if (yVal - yVal0 == 0)
            continue;
          fillToY = valToPosY(yVal0, scaleY, yDim, yOff);
        }
        let xVal = scaleX.distr != 2 || disp != null ? dataX[i] : i;
        let xPos = valToPosX(xVal, scaleX, xDim, xOff);
        let yPos = valToPosY(ifNull(yVal, fillTo), scaleY, yDim, yOff);
        let lft = pxRound(xPos - xShift);
        let btm = pxRound(max(yPos, fillToY));
        let top = pxRound(min(yPos, fillToY));
        let barHgt = btm - top;
        if (yVal != null) {
          let rv = yVal < 0 ? radBase : radVal;
          let rb = yVal < 0 ? radVal : radBase;
          if (multiPath) {
            if (strokeWidth > 0 && strokeColors[i] != null)
              rect2(strokePaths.get(strokeColors[i]), lft, top + floor(strokeWidth / 2), barWid, max(0, barHgt - strokeWidth), rv, rb);
            if (fillColors[i] != null)
              rect2(fillPaths.get(fillColors[i]), lft, top + floor(strokeWidth / 2), barWid, max(0, barHgt - strokeWidth), rv, rb);
          } else
            rect2(stroke, lft, top + floor(strokeWidth / 2), barWid, max(0, barHgt - strokeWidth), rv, rb);
          each2(
            u,
            seriesIdx,
            i,
            lft - strokeWidth / 2,
            top,
            barWid + strokeWidth,
            barHgt
          );
        }
      }
      if (strokeWidth > 0)
        _paths.stroke = multiPath ? strokePaths : stroke;
      else if (!multiPath) {
        _paths._fill = series.width == 0 ? series._fill : series._stroke ?? series._fill;
        _paths.width = 0;
      }
      _paths.fill = multiPath ? fillPaths : stroke;
      return _paths;
    });
  };
}
function splineInterp(interp, opts) {
  const alignGaps = ifNull(opts?.alignGaps, 0);
  return (u, seriesIdx, idx0, idx1) => {
    return orient(u, seriesIdx, (series, dataX, dataY, scaleX, scaleY, valToPosX, valToPosY, xOff, yOff, xDim, yDim) => {
      [idx0, idx1] = nonNullIdxs(dataY, idx0, idx1);
      let pxRound = series.pxRound;
      let pixelForX = (val) => pxRound(valToPosX(val, scaleX, xDim, xOff));
      let pixelForY = (val) => pxRound(valToPosY(val, scaleY, yDim, yOff));
      let moveTo, bezierCurveTo, lineTo;
      if (scaleX.ori == 0) {
        moveTo = moveToH;
        lineTo = lineToH;
        bezierCurveTo = bezierCurveToH;
      } else {
        moveTo = moveToV;
        lineTo = lineToV;
        bezierCurveTo = bezierCurveToV;
      }
      const dir = scaleX.dir * (scaleX.ori == 0 ? 1 : -1);
      let firstXPos = pixelForX(dataX[dir == 1 ? idx0 : idx1]);
      let prevXPos = firstXPos;
      let xCoords = [];
      let yCoords = [];
      for (let i = dir == 1 ? idx0 : idx1; i >= idx0 && i <= idx1; i += dir) {
        let yVal = dataY[i];
        if (yVal != null) {
          let xVal = dataX[i];
          let xPos = pixelForX(xVal);
          xCoords.push(prevXPos = xPos);
          yCoords.push(pixelForY(dataY[i]));
        }
      }
      const _paths = { stroke: interp(xCoords, yCoords, moveTo, lineTo, bezierCurveTo, pxRound), fill: null, clip: null, band: null, gaps: null, flags: BAND_CLIP_FILL };
      const stroke = _paths.stroke;
      let [bandFillDir, bandClipDir] = bandFillClipDirs(u, seriesIdx);
      if (series.fill != null || bandFillDir != 0) {
        let fill = _paths.fill = new Path2D(stroke);
        let fillTo = series.fillTo(u, seriesIdx, series.min, series.max, bandFillDir);
        let fillToY = pixelForY(fillTo);
        lineTo(fill, prevXPos, fillToY);
        lineTo(fill, firstXPos, fillToY);
      }
      if (!series.spanGaps) {
        let gaps2 = [];
        gaps2.push(...findGaps(dataX, dataY, idx0, idx1, dir, pixelForX, alignGaps));
        _paths.gaps = gaps2 = series.gaps(u, seriesIdx, idx0, idx1, gaps2);
        _paths.clip = clipGaps(gaps2, scaleX.ori, xOff, yOff, xDim, yDim);
      }
      if (bandClipDir != 0) {
        _paths.band = bandClipDir == 2 ? [
          clipBandLine(u, seriesIdx, idx0, idx1, stroke, -1),
          clipBandLine(u, seriesIdx, idx0, idx1, stroke, 1)
        ] : clipBandLine(u, seriesIdx, idx0, idx1, stroke, bandClipDir);
      }
      return _paths;
    });
  };
}
function monotoneCubic(opts) {
  return splineInterp(_monotoneCubic, opts);
}
function _monotoneCubic(xs, ys, moveTo, lineTo, bezierCurveTo, pxRound) {
  const n = xs.length;
  if (n < 2)
    return null;
  const path = new Path2D();
  moveTo(path, xs[0], ys[0]);
  if (n == 2)
    lineTo(path, xs[1], ys[1]);
  else {
    let ms = Array(n), ds = Array(n - 1), dys = Array(n - 1), dxs = Array(n - 1);
    for (let i = 0; i < n - 1; i++) {
      dys[i] = ys[i + 1] - ys[i];
      dxs[i] = xs[i + 1] - xs[i];
      ds[i] = dys[i] / dxs[i];
    }
    ms[0] = ds[0];
    for (let i = 1; i < n - 1; i++) {
      if (ds[i] === 0 || ds[i - 1] === 0 || ds[i - 1] > 0 !== ds[i] > 0)
        ms[i] = 0;
      else {
        ms[i] = 3 * (dxs[i - 1] + dxs[i]) / ((2 * dxs[i] + dxs[i - 1]) / ds[i - 1] + (dxs[i] + 2 * dxs[i - 1]) / ds[i]);
        if (!isFinite(ms[i]))
          ms[i] = 0;
      }
    }
    ms[n - 1] = ds[n - 2];
    for (let i = 0; i < n - 1; i++) {
      bezierCurveTo(
        path,
        xs[i] + dxs[i] / 3,
        ys[i] + ms[i] * dxs[i] / 3,
        xs[i + 1] - dxs[i] / 3,
        ys[i + 1] - ms[i + 1] * dxs[i] / 3,
        xs[i + 1],
        ys[i + 1]
      );
    }
  }
  return path;
}
const cursorPlots = /* @__PURE__ */ new Set();
function invalidateRects() {
  for (let u of cursorPlots)
    u.syncRect(true);
}
if (domEnv) {
  on(resize, win, invalidateRects);
  on(scroll, win, invalidateRects, true);
  on(dppxchange, win, () => {
    uPlot.pxRatio = pxRatio;
  });
}
const linearPath = linear();
const pointsPath = points();
function setDefaults(d, xo, yo, initY) {
  let d2 = initY ? [d[0], d[1]].concat(d.slice(2)) : [d[0]].concat(d.slice(1));
  return d2.map((o, i) => setDefault(o, i, xo, yo));
}
function setDefaults2(d, xyo) {
  return d.map((o, i) => i == 0 ? {} : assign({}, xyo, o));
}
function setDefault(o, i, xo, yo) {
  return assign({}, i == 0 ? xo : yo, o);
}
function snapNumX(self, dataMin, dataMax) {
  return dataMin == null ? nullNullTuple : [dataMin, dataMax];
}
const snapTimeX = snapNumX;
function snapNumY(self, dataMin, dataMax) {
  return dataMin == null ? nullNullTuple : rangeNum(dataMin, dataMax, rangePad, true);
}
function snapLogY(self, dataMin, dataMax, scale) {
  return dataMin == null ? nullNullTuple : rangeLog(dataMin, dataMax, self.scales[scale].log, false);
}
const snapLogX = snapLogY;
function snapAsinhY(self, dataMin, dataMax, scale) {
  return dataMin == null ? nullNullTuple : rangeAsinh(dataMin, dataMax, self.scales[scale].log, false);
}
const snapAsinhX = snapAsinhY;
function findIncr(minVal, maxVal, incrs, dim, minSpace) {
  let intDigits = max(numIntDigits(minVal), numIntDigits(maxVal));
  let delta = maxVal - minVal;
  let incrIdx = closestIdx(minSpace / dim * delta, incrs);
  do {
    let foundIncr = incrs[incrIdx];
    let foundSpace = dim * foundIncr / delta;
    if (foundSpace >= minSpace && intDigits + (foundIncr < 5 ? fixedDec.get(foundIncr) : 0) <= 17)
      return [foundIncr, foundSpace];
  } while (++incrIdx < incrs.length);
  return [0, 0];
}
function pxRatioFont(font2) {
  let fontSize, fontSizeCss;
  font2 = font2.replace(/(\d+)px/, (m, p1) => (fontSize = round((fontSizeCss = +p1) * pxRatio)) + "px");
  return [font2, fontSize, fontSizeCss];
}
function syncFontSize(axis) {
  if (axis.show) {
    [axis.font, axis.labelFont].forEach((f) => {
      let size = roundDec(f[2] * pxRatio, 1);
      f[0] = f[0].replace(/[0-9.]+px/, size + "px");
      f[1] = size;
    });
  }
}
function uPlot(opts, data, then) {
  const self = {
    mode: ifNull(opts.mode, 1)
  };
  const mode = self.mode;
  function getHPos(val, scale, dim, off2) {
    let pct2 = scale.valToPct(val);
    return off2 + dim * (scale.dir == -1 ? 1 - pct2 : pct2);
  }
  function getVPos(val, scale, dim, off2) {
    let pct2 = scale.valToPct(val);
    return off2 + dim * (scale.dir == -1 ? pct2 : 1 - pct2);
  }
  function getPos(val, scale, dim, off2) {
    return scale.ori == 0 ? getHPos(val, scale, dim, off2) : getVPos(val, scale, dim, off2);
  }
  self.valToPosH = getHPos;
  self.valToPosV = getVPos;
  let ready = false;
  self.status = 0;
  const root2 = self.root = placeDiv(UPLOT);
  if (opts.id != null)
    root2.id = opts.id;
  addClass(root2, opts.class);
  if (opts.title) {
    let title = placeDiv(TITLE, root2);
    title.textContent = opts.title;
  }
  const can = placeTag("canvas");
  const ctx = self.ctx = can.getContext("2d");
  const wrap = placeDiv(WRAP, root2);
  on("click", wrap, (e) => {
    if (e.target === over) {
      let didDrag = mouseLeft1 != mouseLeft0 || mouseTop1 != mouseTop0;
      didDrag && drag.click(self, e);
    }
  }, true);
  const under = self.under = placeDiv(UNDER, wrap);
  wrap.appendChild(can);
  const over = self.over = placeDiv(OVER, wrap);
  opts = copy(opts);
  const pxAlign = +ifNull(opts.pxAlign, 1);
  const pxRound = pxRoundGen(pxAlign);
  (opts.plugins || []).forEach((p) => {
    if (p.opts)
      opts = p.opts(self, opts) || opts;
  });
  const ms = opts.ms || 1e-3;
  const series = self.series = mode == 1 ? setDefaults(opts.series || [], xSeriesOpts, ySeriesOpts, false) : setDefaults2(opts.series || [null], xySeriesOpts);
  const axes = self.axes = setDefaults(opts.axes || [], xAxisOpts, yAxisOpts, true);
  const scales = self.scales = {};
  const bands = self.bands = opts.bands || [];
  bands.forEach((b) => {
    b.fill = fnOrSelf(b.fill || null);
    b.dir = ifNull(b.dir, -1);
  });
  const xScaleKey = mode == 2 ? series[1].facets[0].scale : series[0].scale;
  const drawOrderMap = {
    axes: drawAxesGrid,
    series: drawSeries
  };
  const drawOrder = (opts.drawOrder || ["axes", "series"]).map((key3) => drawOrderMap[key3]);
  function initValToPct(sc) {
    const getVal = sc.distr == 3 ? (val) => log10(val > 0 ? val : sc.clamp(self, val, sc.min, sc.max, sc.key)) : sc.distr == 4 ? (val) => asinh(val, sc.asinh) : sc.distr == 100 ? (val) => sc.fwd(val) : (val) => val;
    return (val) => {
      let _val = getVal(val);
      let { _min, _max } = sc;
      let delta = _max - _min;
      return (_val - _min) / delta;
    };
  }
  function initScale(scaleKey) {
    let sc = scales[scaleKey];
    if (sc == null) {
      let scaleOpts = (opts.scales || EMPTY_OBJ)[scaleKey] || EMPTY_OBJ;
      if (scaleOpts.from != null) {
        initScale(scaleOpts.from);
        let sc2 = assign({}, scales[scaleOpts.from], scaleOpts, { key: scaleKey });
        sc2.valToPct = initValToPct(sc2);
        scales[scaleKey] = sc2;
      } else {
        sc = scales[scaleKey] = assign({}, scaleKey == xScaleKey ? xScaleOpts : yScaleOpts, scaleOpts);
        sc.key = scaleKey;
        let isTime = sc.time;
        let rn = sc.range;
        let rangeIsArr = isArr(rn);
        if (scaleKey != xScaleKey || mode == 2 && !isTime) {
          if (rangeIsArr && (rn[0] == null || rn[1] == null)) {
            rn = {
              min: rn[0] == null ? autoRangePart : {
                mode: 1,
                hard: rn[0],
                soft: rn[0]
              },
              max: rn[1] == null ? autoRangePart : {
                mode: 1,
                hard: rn[1],
                soft: rn[1]
              }
            };
            rangeIsArr = false;
          }
          if (!rangeIsArr && isObj(rn)) {
            let cfg = rn;
            rn = (self2, dataMin, dataMax) => dataMin == null ? nullNullTuple : rangeNum(dataMin, dataMax, cfg);
          }
        }
        sc.range = fnOrSelf(rn || (isTime ? snapTimeX : scaleKey == xScaleKey ? sc.distr == 3 ? snapLogX : sc.distr == 4 ? snapAsinhX : snapNumX : sc.distr == 3 ? snapLogY : sc.distr == 4 ? snapAsinhY : snapNumY));
        sc.auto = fnOrSelf(rangeIsArr ? false : sc.auto);
        sc.clamp = fnOrSelf(sc.clamp || clampScale);
        sc._min = sc._max = null;
        sc.valToPct = initValToPct(sc);
      }
    }
  }
  initScale("x");
  initScale("y");
  if (mode == 1) {
    series.forEach((s) => {
      initScale(s.scale);
    });
  }
  axes.forEach((a) => {
    initScale(a.scale);
  });
  for (let k in opts.scales)
    initScale(k);
  const scaleX = scales[xScaleKey];
  const xScaleDistr = scaleX.distr;
  let valToPosX, valToPosY;
  if (scaleX.ori == 0) {
    addClass(root2, ORI_HZ);
    valToPosX = getHPos;
    valToPosY = getVPos;
  } else {
    addClass(root2, ORI_VT);
    valToPosX = getVPos;
    valToPosY = getHPos;
  }
  const pendScales = {};
  for (let k in scales) {
    let sc = scales[k];
    if (sc.min != null || sc.max != null) {
      pendScales[k] = { min: sc.min, max: sc.max };
      sc.min = sc.max = null;
    }
  }
  const _tzDate = opts.tzDate || ((ts) => new Date(round(ts / ms)));
  const _fmtDate = opts.fmtDate || fmtDate;
  const _timeAxisSplits = ms == 1 ? timeAxisSplitsMs(_tzDate) : timeAxisSplitsS(_tzDate);
  const _timeAxisVals = timeAxisVals(_tzDate, timeAxisStamps(ms == 1 ? _timeAxisStampsMs : _timeAxisStampsS, _fmtDate));
  const _timeSeriesVal = timeSeriesVal(_tzDate, timeSeriesStamp(_timeSeriesStamp, _fmtDate));
  const activeIdxs = [];
  const legend = self.legend = assign({}, legendOpts, opts.legend);
  const cursor = self.cursor = assign({}, cursorOpts, { drag: { y: mode == 2 } }, opts.cursor);
  const showLegend = legend.show;
  const showCursor = cursor.show;
  const markers = legend.markers;
  {
    legend.idxs = activeIdxs;
    markers.width = fnOrSelf(markers.width);
    markers.dash = fnOrSelf(markers.dash);
    markers.stroke = fnOrSelf(markers.stroke);
    markers.fill = fnOrSelf(markers.fill);
  }
  let legendTable;
  let legendHead;
  let legendBody;
  let legendRows = [];
  let legendCells = [];
  let legendCols;
  let multiValLegend = false;
  let NULL_LEGEND_VALUES = {};
  if (legend.live) {
    const getMultiVals = series[1] ? series[1].values : null;
    multiValLegend = getMultiVals != null;
    legendCols = multiValLegend ? getMultiVals(self, 1, 0) : { _: 0 };
    for (let k in legendCols)
      NULL_LEGEND_VALUES[k] = LEGEND_DISP;
  }
  if (showLegend) {
    legendTable = placeTag("table", LEGEND, root2);
    legendBody = placeTag("tbody", null, legendTable);
    legend.mount(self, legendTable);
    if (multiValLegend) {
      legendHead = placeTag("thead", null, legendTable, legendBody);
      let head = placeTag("tr", null, legendHead);
      placeTag("th", null, head);
      for (var key2 in legendCols)
        placeTag("th", LEGEND_LABEL, head).textContent = key2;
    } else {
      addClass(legendTable, LEGEND_INLINE);
      legend.live && addClass(legendTable, LEGEND_LIVE);
    }
  }
  const son = { show: true };
  const soff = { show: false };
  function initLegendRow(s, i) {
    if (i == 0 && (multiValLegend || !legend.live || mode == 2))
      return nullNullTuple;
    let cells = [];
    let row = placeTag("tr", LEGEND_SERIES, legendBody, legendBody.childNodes[i]);
    addClass(row, s.class);
    if (!s.show)
      addClass(row, OFF);
    let label = placeTag("th", null, row);
    if (markers.show) {
      let indic = placeDiv(LEGEND_MARKER, label);
      if (i > 0) {
        let width = markers.width(self, i);
        if (width)
          indic.style.border = width + "px " + markers.dash(self, i) + " " + markers.stroke(self, i);
        indic.style.background = markers.fill(self, i);
      }
    }
    let text2 = placeDiv(LEGEND_LABEL, label);
    if (s.label instanceof HTMLElement)
      text2.appendChild(s.label);
    else
      text2.textContent = s.label;
    if (i > 0) {
      if (!markers.show)
        text2.style.color = s.width > 0 ? markers.stroke(self, i) : markers.fill(self, i);
      onMouse("click", label, (e) => {
        if (cursor._lock)
          return;
        setCursorEvent(e);
        let seriesIdx = series.indexOf(s);
        if ((e.ctrlKey || e.metaKey) != legend.isolate) {
          let isolate = series.some((s2, i2) => i2 > 0 && i2 != seriesIdx && s2.show);
          series.forEach((s2, i2) => {
            i2 > 0 && setSeries(i2, isolate ? i2 == seriesIdx ? son : soff : son, true, syncOpts.setSeries);
          });
        } else
          setSeries(seriesIdx, { show: !s.show }, true, syncOpts.setSeries);
      }, false);
      if (cursorFocus) {
        onMouse(mouseenter, label, (e) => {
          if (cursor._lock)
            return;
          setCursorEvent(e);
          setSeries(series.indexOf(s), FOCUS_TRUE, true, syncOpts.setSeries);
        }, false);
      }
    }
    for (var key3 in legendCols) {
      let v = placeTag("td", LEGEND_VALUE, row);
      v.textContent = "--";
      cells.push(v);
    }
    return [row, cells];
  }
  const mouseListeners = /* @__PURE__ */ new Map();
  function onMouse(ev, targ, fn, onlyTarg = true) {
    const targListeners = mouseListeners.get(targ) || {};
    const listener = cursor.bind[ev](self, targ, fn, onlyTarg);
    if (listener) {
      on(ev, targ, targListeners[ev] = listener);
      mouseListeners.set(targ, targListeners);
    }
  }
  function offMouse(ev, targ, fn) {
    const targListeners = mouseListeners.get(targ) || {};
    for (let k in targListeners) {
      if (ev == null || k == ev) {
        off(k, targ, targListeners[k]);
        delete targListeners[k];
      }
    }
    if (ev == null)
      mouseListeners.delete(targ);
  }
  let fullWidCss = 0;
  let fullHgtCss = 0;
  let plotWidCss = 0;
  let plotHgtCss = 0;
  let plotLftCss = 0;
  let plotTopCss = 0;
  let _plotLftCss = plotLftCss;
  let _plotTopCss = plotTopCss;
  let _plotWidCss = plotWidCss;
  let _plotHgtCss = plotHgtCss;
  let plotLft = 0;
  let plotTop = 0;
  let plotWid = 0;
  let plotHgt = 0;
  self.bbox = {};
  let shouldSetScales = false;
  let shouldSetSize = false;
  let shouldConvergeSize = false;
  let shouldSetCursor = false;
  let shouldSetSelect = false;
  let shouldSetLegend = false;
  function _setSize(width, height, force) {
    if (force || (width != self.width || height != self.height))
      calcSize(width, height);
    resetYSeries(false);
    shouldConvergeSize = true;
    shouldSetSize = true;
    commit();
  }
  function calcSize(width, height) {
    self.width = fullWidCss = plotWidCss = width;
    self.height = fullHgtCss = plotHgtCss = height;
    plotLftCss = plotTopCss = 0;
    calcPlotRect();
    calcAxesRects();
    let bb = self.bbox;
    plotLft = bb.left = incrRound(plotLftCss * pxRatio, 0.5);
    plotTop = bb.top = incrRound(plotTopCss * pxRatio, 0.5);
    plotWid = bb.width = incrRound(plotWidCss * pxRatio, 0.5);
    plotHgt = bb.height = incrRound(plotHgtCss * pxRatio, 0.5);
  }
  const CYCLE_LIMIT = 3;
  function convergeSize() {
    let converged = false;
    let cycleNum = 0;
    while (!converged) {
      cycleNum++;
      let axesConverged = axesCalc(cycleNum);
      let paddingConverged = paddingCalc(cycleNum);
      converged = cycleNum == CYCLE_LIMIT || axesConverged && paddingConverged;
      if (!converged) {
        calcSize(self.width, self.height);
        shouldSetSize = true;
      }
    }
  }
  function setSize({ width, height }) {
    _setSize(width, height);
  }
  self.setSize = setSize;
  function calcPlotRect() {
    let hasTopAxis = false;
    let hasBtmAxis = false;
    let hasRgtAxis = false;
    let hasLftAxis = false;
    axes.forEach((axis, i) => {
      if (axis.show && axis._show) {
        let { side, _size } = axis;
        let isVt = side % 2;
        let labelSize = axis.label != null ? axis.labelSize : 0;
        let fullSize = _size + labelSize;
        if (fullSize > 0) {
          if (isVt) {
            plotWidCss -= fullSize;
            if (side == 3) {
              plotLftCss += fullSize;
              hasLftAxis = true;
            } else
              hasRgtAxis = true;
          } else {
            plotHgtCss -= fullSize;
            if (side == 0) {
              plotTopCss += fullSize;
              hasTopAxis = true;
            } else
              hasBtmAxis = true;
          }
        }
      }
    });
    sidesWithAxes[0] = hasTopAxis;
    sidesWithAxes[1] = hasRgtAxis;
    sidesWithAxes[2] = hasBtmAxis;
    sidesWithAxes[3] = hasLftAxis;
    plotWidCss -= _padding[1] + _padding[3];
    plotLftCss += _padding[3];
    plotHgtCss -= _padding[2] + _padding[0];
    plotTopCss += _padding[0];
  }
  function calcAxesRects() {
    let off1 = plotLftCss + plotWidCss;
    let off2 = plotTopCss + plotHgtCss;
    let off3 = plotLftCss;
    let off0 = plotTopCss;
    function incrOffset(side, size) {
      switch (side) {
        case 1:
          off1 += size;
          return off1 - size;
        case 2:
          off2 += size;
          return off2 - size;
        case 3:
          off3 -= size;
          return off3 + size;
        case 0:
          off0 -= size;
          return off0 + size;
      }
    }
    axes.forEach((axis, i) => {
      if (axis.show && axis._show) {
        let side = axis.side;
        axis._pos = incrOffset(side, axis._size);
        if (axis.label != null)
          axis._lpos = incrOffset(side, axis.labelSize);
      }
    });
  }
  if (cursor.dataIdx == null) {
    let hov = cursor.hover;
    let skip = hov.skip = new Set(hov.skip ?? []);
    skip.add(void 0);
    let prox = hov.prox = fnOrSelf(hov.prox);
    let bias = hov.bias ??= 0;
    cursor.dataIdx = (self2, seriesIdx, cursorIdx, valAtPosX) => {
      if (seriesIdx == 0)
        return cursorIdx;
      let idx2 = cursorIdx;
      let _prox = prox(self2, seriesIdx, cursorIdx, valAtPosX) ?? inf;
      let withProx = _prox >= 0 && _prox < inf;
      let xDim = scaleX.ori == 0 ? plotWidCss : plotHgtCss;
      let cursorLft = cursor.left;
      let xValues = data[0];
      let yValues = data[seriesIdx];
      if (skip.has(yValues[cursorIdx])) {
        idx2 = null;
        let nonNullLft = null, nonNullRgt = null, j;
        if (bias == 0 || bias == -1) {
          j = cursorIdx;
          while (nonNullLft == null && j-- > 0) {
            if (!skip.has(yValues[j]))
              nonNullLft = j;
          }
        }
        if (bias == 0 || bias == 1) {
          j = cursorIdx;
          while (nonNullRgt == null && j++ < yValues.length) {
            if (!skip.has(yValues[j]))
              nonNullRgt = j;
          }
        }
        if (nonNullLft != null || nonNullRgt != null) {
          if (withProx) {
            let lftPos = nonNullLft == null ? -Infinity : valToPosX(xValues[nonNullLft], scaleX, xDim, 0);
            let rgtPos = nonNullRgt == null ? Infinity : valToPosX(xValues[nonNullRgt], scaleX, xDim, 0);
            let lftDelta = cursorLft - lftPos;
            let rgtDelta = rgtPos - cursorLft;
            if (lftDelta <= rgtDelta) {
              if (lftDelta <= _prox)
                idx2 = nonNullLft;
            } else {
              if (rgtDelta <= _prox)
                idx2 = nonNullRgt;
            }
          } else {
            idx2 = nonNullRgt == null ? nonNullLft : nonNullLft == null ? nonNullRgt : cursorIdx - nonNullLft <= nonNullRgt - cursorIdx ? nonNullLft : nonNullRgt;
          }
        }
      } else if (withProx) {
        let dist = abs(cursorLft - valToPosX(xValues[cursorIdx], scaleX, xDim, 0));
        if (dist > _prox)
          idx2 = null;
      }
      return idx2;
    };
  }
  const setCursorEvent = (e) => {
    cursor.event = e;
  };
  cursor.idxs = activeIdxs;
  cursor._lock = false;
  let points2 = cursor.points;
  points2.show = fnOrSelf(points2.show);
  points2.size = fnOrSelf(points2.size);
  points2.stroke = fnOrSelf(points2.stroke);
  points2.width = fnOrSelf(points2.width);
  points2.fill = fnOrSelf(points2.fill);
  const focus = self.focus = assign({}, opts.focus || { alpha: 0.3 }, cursor.focus);
  const cursorFocus = focus.prox >= 0;
  const cursorOnePt = cursorFocus && points2.one;
  let cursorPts = [];
  let cursorPtsLft = [];
  let cursorPtsTop = [];
  function initCursorPt(s, si) {
    let pt = points2.show(self, si);
    if (pt instanceof HTMLElement) {
      addClass(pt, CURSOR_PT);
      addClass(pt, s.class);
      elTrans(pt, -10, -10, plotWidCss, plotHgtCss);
      over.insertBefore(pt, cursorPts[si]);
      return pt;
    }
  }
  function initSeries(s, i) {
    if (mode == 1 || i > 0) {
      let isTime = mode == 1 && scales[s.scale].time;
      let sv = s.value;
      s.value = isTime ? isStr(sv) ? timeSeriesVal(_tzDate, timeSeriesStamp(sv, _fmtDate)) : sv || _timeSeriesVal : sv || numSeriesVal;
      s.label = s.label || (isTime ? timeSeriesLabel : numSeriesLabel);
    }
    if (cursorOnePt || i > 0) {
      s.width = s.width == null ? 1 : s.width;
      s.paths = s.paths || linearPath || retNull;
      s.fillTo = fnOrSelf(s.fillTo || seriesFillTo);
      s.pxAlign = +ifNull(s.pxAlign, pxAlign);
      s.pxRound = pxRoundGen(s.pxAlign);
      s.stroke = fnOrSelf(s.stroke || null);
      s.fill = fnOrSelf(s.fill || null);
      s._stroke = s._fill = s._paths = s._focus = null;
      let _ptDia = ptDia(max(1, s.width), 1);
      let points3 = s.points = assign({}, {
        size: _ptDia,
        width: max(1, _ptDia * 0.2),
        stroke: s.stroke,
        space: _ptDia * 2,
        paths: pointsPath,
        _stroke: null,
        _fill: null
      }, s.points);
      points3.show = fnOrSelf(points3.show);
      points3.filter = fnOrSelf(points3.filter);
      points3.fill = fnOrSelf(points3.fill);
      points3.stroke = fnOrSelf(points3.stroke);
      points3.paths = fnOrSelf(points3.paths);
      points3.pxAlign = s.pxAlign;
    }
    if (showLegend) {
      let rowCells = initLegendRow(s, i);
      legendRows.splice(i, 0, rowCells[0]);
      legendCells.splice(i, 0, rowCells[1]);
      legend.values.push(null);
    }
    if (showCursor) {
      activeIdxs.splice(i, 0, null);
      let pt = null;
      if (cursorOnePt) {
        if (i == 0)
          pt = initCursorPt(s, i);
      } else if (i > 0)
        pt = initCursorPt(s, i);
      cursorPts.splice(i, 0, pt);
      cursorPtsLft.splice(i, 0, 0);
      cursorPtsTop.splice(i, 0, 0);
    }
    fire("addSeries", i);
  }
  function addSeries(opts2, si) {
    si = si == null ? series.length : si;
    opts2 = mode == 1 ? setDefault(opts2, si, xSeriesOpts, ySeriesOpts) : setDefault(opts2, si, {}, xySeriesOpts);
    series.splice(si, 0, opts2);
    initSeries(series[si], si);
  }
  self.addSeries = addSeries;
  function delSeries(i) {
    series.splice(i, 1);
    if (showLegend) {
      legend.values.splice(i, 1);
      legendCells.splice(i, 1);
      let tr = legendRows.splice(i, 1)[0];
      offMouse(null, tr.firstChild);
      tr.remove();
    }
    if (showCursor) {
      activeIdxs.splice(i, 1);
      cursorPts.splice(i, 1)[0].remove();
      cursorPtsLft.splice(i, 1);
      cursorPtsTop.splice(i, 1);
    }
    fire("delSeries", i);
  }
  self.delSeries = delSeries;
  const sidesWithAxes = [false, false, false, false];
  function initAxis(axis, i) {
    axis._show = axis.show;
    if (axis.show) {
      let isVt = axis.side % 2;
      let sc = scales[axis.scale];
      if (sc == null) {
        axis.scale = isVt ? series[1].scale : xScaleKey;
        sc = scales[axis.scale];
      }
      let isTime = sc.time;
      axis.size = fnOrSelf(axis.size);
      axis.space = fnOrSelf(axis.space);
      axis.rotate = fnOrSelf(axis.rotate);
      if (isArr(axis.incrs)) {
        axis.incrs.forEach((incr) => {
          !fixedDec.has(incr) && fixedDec.set(incr, guessDec(incr));
        });
      }
      axis.incrs = fnOrSelf(axis.incrs || (sc.distr == 2 ? wholeIncrs : isTime ? ms == 1 ? timeIncrsMs : timeIncrsS : numIncrs));
      axis.splits = fnOrSelf(axis.splits || (isTime && sc.distr == 1 ? _timeAxisSplits : sc.distr == 3 ? logAxisSplits : sc.distr == 4 ? asinhAxisSplits : numAxisSplits));
      axis.stroke = fnOrSelf(axis.stroke);
      axis.grid.stroke = fnOrSelf(axis.grid.stroke);
      axis.ticks.stroke = fnOrSelf(axis.ticks.stroke);
      axis.border.stroke = fnOrSelf(axis.border.stroke);
      let av = axis.values;
      axis.values = // static array of tick values
      isArr(av) && !isArr(av[0]) ? fnOrSelf(av) : (
        // temporal
        isTime ? (
          // config array of fmtDate string tpls
          isArr(av) ? timeAxisVals(_tzDate, timeAxisStamps(av, _fmtDate)) : (
            // fmtDate string tpl
            isStr(av) ? timeAxisVal(_tzDate, av) : av || _timeAxisVals
          )
        ) : av || numAxisVals
      );
      axis.filter = fnOrSelf(axis.filter || (sc.distr >= 3 && sc.log == 10 ? log10AxisValsFilt : sc.distr == 3 && sc.log == 2 ? log2AxisValsFilt : retArg1));
      axis.font = pxRatioFont(axis.font);
      axis.labelFont = pxRatioFont(axis.labelFont);
      axis._size = axis.size(self, null, i, 0);
      axis._space = axis._rotate = axis._incrs = axis._found = // foundIncrSpace
      axis._splits = axis._values = null;
      if (axis._size > 0) {
        sidesWithAxes[i] = true;
        axis._el = placeDiv(AXIS, wrap);
      }
    }
  }
  function autoPadSide(self2, side, sidesWithAxes2, cycleNum) {
    let [hasTopAxis, hasRgtAxis, hasBtmAxis, hasLftAxis] = sidesWithAxes2;
    let ori = side % 2;
    let size = 0;
    if (ori == 0 && (hasLftAxis || hasRgtAxis))
      size = side == 0 && !hasTopAxis || side == 2 && !hasBtmAxis ? round(xAxisOpts.size / 3) : 0;
    if (ori == 1 && (hasTopAxis || hasBtmAxis))
      size = side == 1 && !hasRgtAxis || side == 3 && !hasLftAxis ? round(yAxisOpts.size / 2) : 0;
    return size;
  }
  const padding = self.padding = (opts.padding || [autoPadSide, autoPadSide, autoPadSide, autoPadSide]).map((p) => fnOrSelf(ifNull(p, autoPadSide)));
  const _padding = self._padding = padding.map((p, i) => p(self, i, sidesWithAxes, 0));
  let dataLen;
  let i0 = null;
  let i1 = null;
  const idxs = mode == 1 ? series[0].idxs : null;
  let data0 = null;
  let viaAutoScaleX = false;
  function setData(_data, _resetScales) {
    data = _data == null ? [] : _data;
    self.data = self._data = data;
    if (mode == 2) {
      dataLen = 0;
      for (let i = 1; i < series.length; i++)
        dataLen += data[i][0].length;
    } else {
      if (data.length == 0)
        self.data = self._data = data = [[]];
      data0 = data[0];
      dataLen = data0.length;
      let scaleData = data;
      if (xScaleDistr == 2) {
        scaleData = data.slice();
        let _data0 = scaleData[0] = Array(dataLen);
        for (let i = 0; i < dataLen; i++)
          _data0[i] = i;
      }
      self._data = data = scaleData;
    }
    resetYSeries(true);
    fire("setData");
    if (xScaleDistr == 2) {
      shouldConvergeSize = true;
    }
    if (_resetScales !== false) {
      let xsc = scaleX;
      if (xsc.auto(self, viaAutoScaleX))
        autoScaleX();
      else
        _setScale(xScaleKey, xsc.min, xsc.max);
      shouldSetCursor = shouldSetCursor || cursor.left >= 0;
      shouldSetLegend = true;
      commit();
    }
  }
  self.setData = setData;
  function autoScaleX() {
    viaAutoScaleX = true;
    let _min, _max;
    if (mode == 1) {
      if (dataLen > 0) {
        i0 = idxs[0] = 0;
        i1 = idxs[1] = dataLen - 1;
        _min = data[0][i0];
        _max = data[0][i1];
        if (xScaleDistr == 2) {
          _min = i0;
          _max = i1;
        } else if (_min == _max) {
          if (xScaleDistr == 3)
            [_min, _max] = rangeLog(_min, _min, scaleX.log, false);
          else if (xScaleDistr == 4)
            [_min, _max] = rangeAsinh(_min, _min, scaleX.log, false);
          else if (scaleX.time)
            _max = _min + round(86400 / ms);
          else
            [_min, _max] = rangeNum(_min, _max, rangePad, true);
        }
      } else {
        i0 = idxs[0] = _min = null;
        i1 = idxs[1] = _max = null;
      }
    }
    _setScale(xScaleKey, _min, _max);
  }
  let ctxStroke, ctxFill, ctxWidth, ctxDash, ctxJoin, ctxCap, ctxFont, ctxAlign, ctxBaseline;
  let ctxAlpha;
  function setCtxStyle(stroke, width, dash, cap, fill, join2) {
    stroke ??= transparent;
    dash ??= EMPTY_ARR;
    cap ??= "butt";
    fill ??= transparent;
    join2 ??= "round";
    if (stroke != ctxStroke)
      ctx.strokeStyle = ctxStroke = stroke;
    if (fill != ctxFill)
      ctx.fillStyle = ctxFill = fill;
    if (width != ctxWidth)
      ctx.lineWidth = ctxWidth = width;
    if (join2 != ctxJoin)
      ctx.lineJoin = ctxJoin = join2;
    if (cap != ctxCap)
      ctx.lineCap = ctxCap = cap;
    if (dash != ctxDash)
      ctx.setLineDash(ctxDash = dash);
  }
  function setFontStyle(font2, fill, align2, baseline) {
    if (fill != ctxFill)
      ctx.fillStyle = ctxFill = fill;
    if (font2 != ctxFont)
      ctx.font = ctxFont = font2;
    if (align2 != ctxAlign)
      ctx.textAlign = ctxAlign = align2;
    if (baseline != ctxBaseline)
      ctx.textBaseline = ctxBaseline = baseline;
  }
  function accScale(wsc, psc, facet2, data2, sorted = 0) {
    if (data2.length > 0 && wsc.auto(self, viaAutoScaleX) && (psc == null || psc.min == null)) {
      let _i0 = ifNull(i0, 0);
      let _i1 = ifNull(i1, data2.length - 1);
      let minMax = facet2.min == null ? getMinMax(data2, _i0, _i1, sorted, wsc.distr == 3) : [facet2.min, facet2.max];
      wsc.min = min(wsc.min, facet2.min = minMax[0]);
      wsc.max = max(wsc.max, facet2.max = minMax[1]);
    }
  }
  const AUTOSCALE = { min: null, max: null };
  function setScales() {
    for (let k in scales) {
      let sc = scales[k];
      if (pendScales[k] == null && // scales that have never been set (on init)
      (sc.min == null || // or auto scales when the x scale was explicitly set
      pendScales[xScaleKey] != null && sc.auto(self, viaAutoScaleX))) {
        pendScales[k] = AUTOSCALE;
      }
    }
    for (let k in scales) {
      let sc = scales[k];
      if (pendScales[k] == null && sc.from != null && pendScales[sc.from] != null)
        pendScales[k] = AUTOSCALE;
    }
    if (pendScales[xScaleKey] != null)
      resetYSeries(true);
    let wipScales = {};
    for (let k in pendScales) {
      let psc = pendScales[k];
      if (psc != null) {
        let wsc = wipScales[k] = copy(scales[k], fastIsObj);
        if (psc.min != null)
          assign(wsc, psc);
        else if (k != xScaleKey || mode == 2) {
          if (dataLen == 0 && wsc.from == null) {
            let minMax = wsc.range(self, null, null, k);
            wsc.min = minMax[0];
            wsc.max = minMax[1];
          } else {
            wsc.min = inf;
            wsc.max = -inf;
          }
        }
      }
    }
    if (dataLen > 0) {
      series.forEach((s, i) => {
        if (mode == 1) {
          let k = s.scale;
          let psc = pendScales[k];
          if (psc == null)
            return;
          let wsc = wipScales[k];
          if (i == 0) {
            let minMax = wsc.range(self, wsc.min, wsc.max, k);
            wsc.min = minMax[0];
            wsc.max = minMax[1];
            i0 = closestIdx(wsc.min, data[0]);
            i1 = closestIdx(wsc.max, data[0]);
            if (i1 - i0 > 1) {
              if (data[0][i0] < wsc.min)
                i0++;
              if (data[0][i1] > wsc.max)
                i1--;
            }
            s.min = data0[i0];
            s.max = data0[i1];
          } else if (s.show && s.auto)
            accScale(wsc, psc, s, data[i], s.sorted);
          s.idxs[0] = i0;
          s.idxs[1] = i1;
        } else {
          if (i > 0) {
            if (s.show && s.auto) {
              let [xFacet, yFacet] = s.facets;
              let xScaleKey2 = xFacet.scale;
              let yScaleKey = yFacet.scale;
              let [xData, yData] = data[i];
              let wscx = wipScales[xScaleKey2];
              let wscy = wipScales[yScaleKey];
              wscx != null && accScale(wscx, pendScales[xScaleKey2], xFacet, xData, xFacet.sorted);
              wscy != null && accScale(wscy, pendScales[yScaleKey], yFacet, yData, yFacet.sorted);
              s.min = yFacet.min;
              s.max = yFacet.max;
            }
          }
        }
      });
      for (let k in wipScales) {
        let wsc = wipScales[k];
        let psc = pendScales[k];
        if (wsc.from == null && (psc == null || psc.min == null)) {
          let minMax = wsc.range(
            self,
            wsc.min == inf ? null : wsc.min,
            wsc.max == -inf ? null : wsc.max,
            k
          );
          wsc.min = minMax[0];
          wsc.max = minMax[1];
        }
      }
    }
    for (let k in wipScales) {
      let wsc = wipScales[k];
      if (wsc.from != null) {
        let base = wipScales[wsc.from];
        if (base.min == null)
          wsc.min = wsc.max = null;
        else {
          let minMax = wsc.range(self, base.min, base.max, k);
          wsc.min = minMax[0];
          wsc.max = minMax[1];
        }
      }
    }
    let changed = {};
    let anyChanged = false;
    for (let k in wipScales) {
      let wsc = wipScales[k];
      let sc = scales[k];
      if (sc.min != wsc.min || sc.max != wsc.max) {
        sc.min = wsc.min;
        sc.max = wsc.max;
        let distr = sc.distr;
        sc._min = distr == 3 ? log10(sc.min) : distr == 4 ? asinh(sc.min, sc.asinh) : distr == 100 ? sc.fwd(sc.min) : sc.min;
        sc._max = distr == 3 ? log10(sc.max) : distr == 4 ? asinh(sc.max, sc.asinh) : distr == 100 ? sc.fwd(sc.max) : sc.max;
        changed[k] = anyChanged = true;
      }
    }
    if (anyChanged) {
      series.forEach((s, i) => {
        if (mode == 2) {
          if (i > 0 && changed.y)
            s._paths = null;
        } else {
          if (changed[s.scale])
            s._paths = null;
        }
      });
      for (let k in changed) {
        shouldConvergeSize = true;
        fire("setScale", k);
      }
      if (showCursor && cursor.left >= 0)
        shouldSetCursor = shouldSetLegend = true;
    }
    for (let k in pendScales)
      pendScales[k] = null;
  }
  function getOuterIdxs(ydata) {
    let _i0 = clamp(i0 - 1, 0, dataLen - 1);
    let _i1 = clamp(i1 + 1, 0, dataLen - 1);
    while (ydata[_i0] == null && _i0 > 0)
      _i0--;
    while (ydata[_i1] == null && _i1 < dataLen - 1)
      _i1++;
    return [_i0, _i1];
  }
  function drawSeries() {
    if (dataLen > 0) {
      let shouldAlpha = series.some((s) => s._focus) && ctxAlpha != focus.alpha;
      if (shouldAlpha)
        ctx.globalAlpha = ctxAlpha = focus.alpha;
      series.forEach((s, i) => {
        if (i > 0 && s.show) {
          cacheStrokeFill(i, false);
          cacheStrokeFill(i, true);
          if (s._paths == null) {
            let _ctxAlpha = ctxAlpha;
            if (ctxAlpha != s.alpha)
              ctx.globalAlpha = ctxAlpha = s.alpha;
            let _idxs = mode == 2 ? [0, data[i][0].length - 1] : getOuterIdxs(data[i]);
            s._paths = s.paths(self, i, _idxs[0], _idxs[1]);
            if (ctxAlpha != _ctxAlpha)
              ctx.globalAlpha = ctxAlpha = _ctxAlpha;
          }
        }
      });
      series.forEach((s, i) => {
        if (i > 0 && s.show) {
          let _ctxAlpha = ctxAlpha;
          if (ctxAlpha != s.alpha)
            ctx.globalAlpha = ctxAlpha = s.alpha;
          s._paths != null && drawPath(i, false);
          {
            let _gaps = s._paths != null ? s._paths.gaps : null;
            let show = s.points.show(self, i, i0, i1, _gaps);
            let idxs2 = s.points.filter(self, i, show, _gaps);
            if (show || idxs2) {
              s.points._paths = s.points.paths(self, i, i0, i1, idxs2);
              drawPath(i, true);
            }
          }
          if (ctxAlpha != _ctxAlpha)
            ctx.globalAlpha = ctxAlpha = _ctxAlpha;
          fire("drawSeries", i);
        }
      });
      if (shouldAlpha)
        ctx.globalAlpha = ctxAlpha = 1;
    }
  }
  function cacheStrokeFill(si, _points) {
    let s = _points ? series[si].points : series[si];
    s._stroke = s.stroke(self, si);
    s._fill = s.fill(self, si);
  }
  function drawPath(si, _points) {
    let s = _points ? series[si].points : series[si];
    let {
      stroke,
      fill,
      clip: gapsClip,
      flags: flags2,
      _stroke: strokeStyle = s._stroke,
      _fill: fillStyle = s._fill,
      _width: width = s.width
    } = s._paths;
    width = roundDec(width * pxRatio, 3);
    let boundsClip = null;
    let offset = width % 2 / 2;
    if (_points && fillStyle == null)
      fillStyle = width > 0 ? "#fff" : strokeStyle;
    let _pxAlign = s.pxAlign == 1 && offset > 0;
    _pxAlign && ctx.translate(offset, offset);
    if (!_points) {
      let lft = plotLft - width / 2, top = plotTop - width / 2, wid = plotWid + width, hgt = plotHgt + width;
      boundsClip = new Path2D();
      boundsClip.rect(lft, top, wid, hgt);
    }
    if (_points)
      strokeFill(strokeStyle, width, s.dash, s.cap, fillStyle, stroke, fill, flags2, gapsClip);
    else
      fillStroke(si, strokeStyle, width, s.dash, s.cap, fillStyle, stroke, fill, flags2, boundsClip, gapsClip);
    _pxAlign && ctx.translate(-offset, -offset);
  }
  function fillStroke(si, strokeStyle, lineWidth, lineDash, lineCap, fillStyle, strokePath, fillPath, flags2, boundsClip, gapsClip) {
    let didStrokeFill = false;
    flags2 != 0 && bands.forEach((b, bi) => {
      if (b.series[0] == si) {
        let lowerEdge = series[b.series[1]];
        let lowerData = data[b.series[1]];
        let bandClip = (lowerEdge._paths || EMPTY_OBJ).band;
        if (isArr(bandClip))
          bandClip = b.dir == 1 ? bandClip[0] : bandClip[1];
        let gapsClip2;
        let _fillStyle = null;
        if (lowerEdge.show && bandClip && hasData(lowerData, i0, i1)) {
          _fillStyle = b.fill(self, bi) || fillStyle;
          gapsClip2 = lowerEdge._paths.clip;
        } else
          bandClip = null;
        strokeFill(strokeStyle, lineWidth, lineDash, lineCap, _fillStyle, strokePath, fillPath, flags2, boundsClip, gapsClip, gapsClip2, bandClip);
        didStrokeFill = true;
      }
    });
    if (!didStrokeFill)
      strokeFill(strokeStyle, lineWidth, lineDash, lineCap, fillStyle, strokePath, fillPath, flags2, boundsClip, gapsClip);
  }
  const CLIP_FILL_STROKE = BAND_CLIP_FILL | BAND_CLIP_STROKE;
  function strokeFill(strokeStyle, lineWidth, lineDash, lineCap, fillStyle, strokePath, fillPath, flags2, boundsClip, gapsClip, gapsClip2, bandClip) {
    setCtxStyle(strokeStyle, lineWidth, lineDash, lineCap, fillStyle);
    if (boundsClip || gapsClip || bandClip) {
      ctx.save();
      boundsClip && ctx.clip(boundsClip);
      gapsClip && ctx.clip(gapsClip);
    }
    if (bandClip) {
      if ((flags2 & CLIP_FILL_STROKE) == CLIP_FILL_STROKE) {
        ctx.clip(bandClip);
        gapsClip2 && ctx.clip(gapsClip2);
        doFill(fillStyle, fillPath);
        doStroke(strokeStyle, strokePath, lineWidth);
      } else if (flags2 & BAND_CLIP_STROKE) {
        doFill(fillStyle, fillPath);
        ctx.clip(bandClip);
        doStroke(strokeStyle, strokePath, lineWidth);
      } else if (flags2 & BAND_CLIP_FILL) {
        ctx.save();
        ctx.clip(bandClip);
        gapsClip2 && ctx.clip(gapsClip2);
        doFill(fillStyle, fillPath);
        ctx.restore();
        doStroke(strokeStyle, strokePath, lineWidth);
      }
    } else {
      doFill(fillStyle, fillPath);
      doStroke(strokeStyle, strokePath, lineWidth);
    }
    if (boundsClip || gapsClip || bandClip)
      ctx.restore();
  }
  function doStroke(strokeStyle, strokePath, lineWidth) {
    if (lineWidth > 0) {
      if (strokePath instanceof Map) {
        strokePath.forEach((strokePath2, strokeStyle2) => {
          ctx.strokeStyle = ctxStroke = strokeStyle2;
          ctx.stroke(strokePath2);
        });
      } else
        strokePath != null && strokeStyle && ctx.stroke(strokePath);
    }
  }
  function doFill(fillStyle, fillPath) {
    if (fillPath instanceof Map) {
      fillPath.forEach((fillPath2, fillStyle2) => {
        ctx.fillStyle = ctxFill = fillStyle2;
        ctx.fill(fillPath2);
      });
    } else
      fillPath != null && fillStyle && ctx.fill(fillPath);
  }
  function getIncrSpace(axisIdx, min2, max2, fullDim) {
    let axis = axes[axisIdx];
    let incrSpace;
    if (fullDim <= 0)
      incrSpace = [0, 0];
    else {
      let minSpace = axis._space = axis.space(self, axisIdx, min2, max2, fullDim);
      let incrs = axis._incrs = axis.incrs(self, axisIdx, min2, max2, fullDim, minSpace);
      incrSpace = findIncr(min2, max2, incrs, fullDim, minSpace);
    }
    return axis._found = incrSpace;
  }
  function drawOrthoLines(offs, filts, ori, side, pos0, len, width, stroke, dash, cap) {
    let offset = width % 2 / 2;
    pxAlign == 1 && ctx.translate(offset, offset);
    setCtxStyle(stroke, width, dash, cap, stroke);
    ctx.beginPath();
    let x0, y0, x1, y1, pos1 = pos0 + (side == 0 || side == 3 ? -len : len);
    if (ori == 0) {
      y0 = pos0;
      y1 = pos1;
    } else {
      x0 = pos0;
      x1 = pos1;
    }
    for (let i = 0; i < offs.length; i++) {
      if (filts[i] != null) {
        if (ori == 0)
          x0 = x1 = offs[i];
        else
          y0 = y1 = offs[i];
        ctx.moveTo(x0, y0);
        ctx.lineTo(x1, y1);
      }
    }
    ctx.stroke();
    pxAlign == 1 && ctx.translate(-offset, -offset);
  }
  function axesCalc(cycleNum) {
    let converged = true;
    axes.forEach((axis, i) => {
      if (!axis.show)
        return;
      let scale = scales[axis.scale];
      if (scale.min == null) {
        if (axis._show) {
          converged = false;
          axis._show = false;
          resetYSeries(false);
        }
        return;
      } else {
        if (!axis._show) {
          converged = false;
          axis._show = true;
          resetYSeries(false);
        }
      }
      let side = axis.side;
      let ori = side % 2;
      let { min: min2, max: max2 } = scale;
      let [_incr, _space] = getIncrSpace(i, min2, max2, ori == 0 ? plotWidCss : plotHgtCss);
      if (_space == 0)
        return;
      let forceMin = scale.distr == 2;
      let _splits = axis._splits = axis.splits(self, i, min2, max2, _incr, _space, forceMin);
      let splits = scale.distr == 2 ? _splits.map((i2) => data0[i2]) : _splits;
      let incr = scale.distr == 2 ? data0[_splits[1]] - data0[_splits[0]] : _incr;
      let values = axis._values = axis.values(self, axis.filter(self, splits, i, _space, incr), i, _space, incr);
      axis._rotate = side == 2 ? axis.rotate(self, values, i, _space) : 0;
      let oldSize = axis._size;
      axis._size = ceil(axis.size(self, values, i, cycleNum));
      if (oldSize != null && axis._size != oldSize)
        converged = false;
    });
    return converged;
  }
  function paddingCalc(cycleNum) {
    let converged = true;
    padding.forEach((p, i) => {
      let _p = p(self, i, sidesWithAxes, cycleNum);
      if (_p != _padding[i])
        converged = false;
      _padding[i] = _p;
    });
    return converged;
  }
  function drawAxesGrid() {
    for (let i = 0; i < axes.length; i++) {
      let axis = axes[i];
      if (!axis.show || !axis._show)
        continue;
      let side = axis.side;
      let ori = side % 2;
      let x, y;
      let fillStyle = axis.stroke(self, i);
      let shiftDir = side == 0 || side == 3 ? -1 : 1;
      let [_incr, _space] = axis._found;
      if (axis.label != null) {
        let shiftAmt2 = axis.labelGap * shiftDir;
        let baseLpos = round((axis._lpos + shiftAmt2) * pxRatio);
        setFontStyle(axis.labelFont[0], fillStyle, "center", side == 2 ? TOP : BOTTOM);
        ctx.save();
        if (ori == 1) {
          x = y = 0;
          ctx.translate(
            baseLpos,
            round(plotTop + plotHgt / 2)
          );
          ctx.rotate((side == 3 ? -PI : PI) / 2);
        } else {
          x = round(plotLft + plotWid / 2);
          y = baseLpos;
        }
        let _label = isFn(axis.label) ? axis.label(self, i, _incr, _space) : axis.label;
        ctx.fillText(_label, x, y);
        ctx.restore();
      }
      if (_space == 0)
        continue;
      let scale = scales[axis.scale];
      let plotDim = ori == 0 ? plotWid : plotHgt;
      let plotOff = ori == 0 ? plotLft : plotTop;
      let _splits = axis._splits;
      let splits = scale.distr == 2 ? _splits.map((i2) => data0[i2]) : _splits;
      let incr = scale.distr == 2 ? data0[_splits[1]] - data0[_splits[0]] : _incr;
      let ticks2 = axis.ticks;
      let border2 = axis.border;
      let _tickSize = ticks2.show ? ticks2.size : 0;
      let tickSize = round(_tickSize * pxRatio);
      let axisGap = round((axis.alignTo == 2 ? axis._size - _tickSize - axis.gap : axis.gap) * pxRatio);
      let angle = axis._rotate * -PI / 180;
      let basePos = pxRound(axis._pos * pxRatio);
      let shiftAmt = (tickSize + axisGap) * shiftDir;
      let finalPos = basePos + shiftAmt;
      y = ori == 0 ? finalPos : 0;
      x = ori == 1 ? finalPos : 0;
      let font2 = axis.font[0];
      let textAlign = axis.align == 1 ? LEFT : axis.align == 2 ? RIGHT : angle > 0 ? LEFT : angle < 0 ? RIGHT : ori == 0 ? "center" : side == 3 ? RIGHT : LEFT;
      let textBaseline = angle || ori == 1 ? "middle" : side == 2 ? TOP : BOTTOM;
      setFontStyle(font2, fillStyle, textAlign, textBaseline);
      let lineHeight = axis.font[1] * axis.lineGap;
      let canOffs = _splits.map((val) => pxRound(getPos(val, scale, plotDim, plotOff)));
      let _values = axis._values;
      for (let i2 = 0; i2 < _values.length; i2++) {
        let val = _values[i2];
        if (val != null) {
          if (ori == 0)
            x = canOffs[i2];
          else
            y = canOffs[i2];
          val = "" + val;
          let _parts = val.indexOf("\n") == -1 ? [val] : val.split(/\n/gm);
          for (let j = 0; j < _parts.length; j++) {
            let text2 = _parts[j];
            if (angle) {
              ctx.save();
              ctx.translate(x, y + j * lineHeight);
              ctx.rotate(angle);
              ctx.fillText(text2, 0, 0);
              ctx.restore();
            } else
              ctx.fillText(text2, x, y + j * lineHeight);
          }
        }
      }
      if (ticks2.show) {
        drawOrthoLines(
          canOffs,
          ticks2.filter(self, splits, i, _space, incr),
          ori,
          side,
          basePos,
          tickSize,
          roundDec(ticks2.width * pxRatio, 3),
          ticks2.stroke(self, i),
          ticks2.dash,
          ticks2.cap
        );
      }
      let grid2 = axis.grid;
      if (grid2.show) {
        drawOrthoLines(
          canOffs,
          grid2.filter(self, splits, i, _space, incr),
          ori,
          ori == 0 ? 2 : 1,
          ori == 0 ? plotTop : plotLft,
          ori == 0 ? plotHgt : plotWid,
          roundDec(grid2.width * pxRatio, 3),
          grid2.stroke(self, i),
          grid2.dash,
          grid2.cap
        );
      }
      if (border2.show) {
        drawOrthoLines(
          [basePos],
          [1],
          ori == 0 ? 1 : 0,
          ori == 0 ? 1 : 2,
          ori == 1 ? plotTop : plotLft,
          ori == 1 ? plotHgt : plotWid,
          roundDec(border2.width * pxRatio, 3),
          border2.stroke(self, i),
          border2.dash,
          border2.cap
        );
      }
    }
    fire("drawAxes");
  }
  function resetYSeries(minMax) {
    series.forEach((s, i) => {
      if (i > 0) {
        s._paths = null;
        if (minMax) {
          if (mode == 1) {
            s.min = null;
            s.max = null;
          } else {
            s.facets.forEach((f) => {
              f.min = null;
              f.max = null;
            });
          }
        }
      }
    });
  }
  let queuedCommit = false;
  let deferHooks = false;
  let hooksQueue = [];
  function flushHooks() {
    deferHooks = false;
    for (let i = 0; i < hooksQueue.length; i++)
      fire(...hooksQueue[i]);
    hooksQueue.length = 0;
  }
  function commit() {
    if (!queuedCommit) {
      microTask(_commit);
      queuedCommit = true;
    }
  }
  function batch(fn, _deferHooks = false) {
    queuedCommit = true;
    deferHooks = _deferHooks;
    fn(self);
    _commit();
    if (_deferHooks && hooksQueue.length > 0)
      queueMicrotask(flushHooks);
  }
  self.batch = batch;
  function _commit() {
    if (shouldSetScales) {
      setScales();
      shouldSetScales = false;
    }
    if (shouldConvergeSize) {
      convergeSize();
      shouldConvergeSize = false;
    }
    if (shouldSetSize) {
      setStylePx(under, LEFT, plotLftCss);
      setStylePx(under, TOP, plotTopCss);
      setStylePx(under, WIDTH, plotWidCss);
      setStylePx(under, HEIGHT, plotHgtCss);
      setStylePx(over, LEFT, plotLftCss);
      setStylePx(over, TOP, plotTopCss);
      setStylePx(over, WIDTH, plotWidCss);
      setStylePx(over, HEIGHT, plotHgtCss);
      setStylePx(wrap, WIDTH, fullWidCss);
      setStylePx(wrap, HEIGHT, fullHgtCss);
      can.width = round(fullWidCss * pxRatio);
      can.height = round(fullHgtCss * pxRatio);
      axes.forEach(({ _el, _show, _size, _pos, side }) => {
        if (_el != null) {
          if (_show) {
            let posOffset = side === 3 || side === 0 ? _size : 0;
            let isVt = side % 2 == 1;
            setStylePx(_el, isVt ? "left" : "top", _pos - posOffset);
            setStylePx(_el, isVt ? "width" : "height", _size);
            setStylePx(_el, isVt ? "top" : "left", isVt ? plotTopCss : plotLftCss);
            setStylePx(_el, isVt ? "height" : "width", isVt ? plotHgtCss : plotWidCss);
            remClass(_el, OFF);
          } else
            addClass(_el, OFF);
        }
      });
      ctxStroke = ctxFill = ctxWidth = ctxJoin = ctxCap = ctxFont = ctxAlign = ctxBaseline = ctxDash = null;
      ctxAlpha = 1;
      syncRect(true);
      if (plotLftCss != _plotLftCss || plotTopCss != _plotTopCss || plotWidCss != _plotWidCss || plotHgtCss != _plotHgtCss) {
        resetYSeries(false);
        let pctWid = plotWidCss / _plotWidCss;
        let pctHgt = plotHgtCss / _plotHgtCss;
        if (showCursor && !shouldSetCursor && cursor.left >= 0) {
          cursor.left *= pctWid;
          cursor.top *= pctHgt;
          vCursor && elTrans(vCursor, round(cursor.left), 0, plotWidCss, plotHgtCss);
          hCursor && elTrans(hCursor, 0, round(cursor.top), plotWidCss, plotHgtCss);
          for (let i = 0; i < cursorPts.length; i++) {
            let pt = cursorPts[i];
            if (pt != null) {
              cursorPtsLft[i] *= pctWid;
              cursorPtsTop[i] *= pctHgt;
              elTrans(pt, ceil(cursorPtsLft[i]), ceil(cursorPtsTop[i]), plotWidCss, plotHgtCss);
            }
          }
        }
        if (select.show && !shouldSetSelect && select.left >= 0 && select.width > 0) {
          select.left *= pctWid;
          select.width *= pctWid;
          select.top *= pctHgt;
          select.height *= pctHgt;
          for (let prop2 in _hideProps)
            setStylePx(selectDiv, prop2, select[prop2]);
        }
        _plotLftCss = plotLftCss;
        _plotTopCss = plotTopCss;
        _plotWidCss = plotWidCss;
        _plotHgtCss = plotHgtCss;
      }
      fire("setSize");
      shouldSetSize = false;
    }
    if (fullWidCss > 0 && fullHgtCss > 0) {
      ctx.clearRect(0, 0, can.width, can.height);
      fire("drawClear");
      drawOrder.forEach((fn) => fn());
      fire("draw");
    }
    if (select.show && shouldSetSelect) {
      setSelect(select);
      shouldSetSelect = false;
    }
    if (showCursor && shouldSetCursor) {
      updateCursor(null, true, false);
      shouldSetCursor = false;
    }
    if (legend.show && legend.live && shouldSetLegend) {
      setLegend();
      shouldSetLegend = false;
    }
    if (!ready) {
      ready = true;
      self.status = 1;
      fire("ready");
    }
    viaAutoScaleX = false;
    queuedCommit = false;
  }
  self.redraw = (rebuildPaths, recalcAxes) => {
    shouldConvergeSize = recalcAxes || false;
    if (rebuildPaths !== false)
      _setScale(xScaleKey, scaleX.min, scaleX.max);
    else
      commit();
  };
  function setScale(key3, opts2) {
    let sc = scales[key3];
    if (sc.from == null) {
      if (dataLen == 0) {
        let minMax = sc.range(self, opts2.min, opts2.max, key3);
        opts2.min = minMax[0];
        opts2.max = minMax[1];
      }
      if (opts2.min > opts2.max) {
        let _min = opts2.min;
        opts2.min = opts2.max;
        opts2.max = _min;
      }
      if (dataLen > 1 && opts2.min != null && opts2.max != null && opts2.max - opts2.min < 1e-16)
        return;
      if (key3 == xScaleKey) {
        if (sc.distr == 2 && dataLen > 0) {
          opts2.min = closestIdx(opts2.min, data[0]);
          opts2.max = closestIdx(opts2.max, data[0]);
          if (opts2.min == opts2.max)
            opts2.max++;
        }
      }
      pendScales[key3] = opts2;
      shouldSetScales = true;
      commit();
    }
  }
  self.setScale = setScale;
  let xCursor;
  let yCursor;
  let vCursor;
  let hCursor;
  let rawMouseLeft0;
  let rawMouseTop0;
  let mouseLeft0;
  let mouseTop0;
  let rawMouseLeft1;
  let rawMouseTop1;
  let mouseLeft1;
  let mouseTop1;
  let dragging = false;
  const drag = cursor.drag;
  let dragX = drag.x;
  let dragY = drag.y;
  if (showCursor) {
    if (cursor.x)
      xCursor = placeDiv(CURSOR_X, over);
    if (cursor.y)
      yCursor = placeDiv(CURSOR_Y, over);
    if (scaleX.ori == 0) {
      vCursor = xCursor;
      hCursor = yCursor;
    } else {
      vCursor = yCursor;
      hCursor = xCursor;
    }
    mouseLeft1 = cursor.left;
    mouseTop1 = cursor.top;
  }
  const select = self.select = assign({
    show: true,
    over: true,
    left: 0,
    width: 0,
    top: 0,
    height: 0
  }, opts.select);
  const selectDiv = select.show ? placeDiv(SELECT, select.over ? over : under) : null;
  function setSelect(opts2, _fire) {
    if (select.show) {
      for (let prop2 in opts2) {
        select[prop2] = opts2[prop2];
        if (prop2 in _hideProps)
          setStylePx(selectDiv, prop2, opts2[prop2]);
      }
      _fire !== false && fire("setSelect");
    }
  }
  self.setSelect = setSelect;
  function toggleDOM(i) {
    let s = series[i];
    if (s.show)
      showLegend && remClass(legendRows[i], OFF);
    else {
      showLegend && addClass(legendRows[i], OFF);
      if (showCursor) {
        let pt = cursorOnePt ? cursorPts[0] : cursorPts[i];
        pt != null && elTrans(pt, -10, -10, plotWidCss, plotHgtCss);
      }
    }
  }
  function _setScale(key3, min2, max2) {
    setScale(key3, { min: min2, max: max2 });
  }
  function setSeries(i, opts2, _fire, _pub) {
    if (opts2.focus != null)
      setFocus(i);
    if (opts2.show != null) {
      series.forEach((s, si) => {
        if (si > 0 && (i == si || i == null)) {
          s.show = opts2.show;
          toggleDOM(si);
          if (mode == 2) {
            _setScale(s.facets[0].scale, null, null);
            _setScale(s.facets[1].scale, null, null);
          } else
            _setScale(s.scale, null, null);
          commit();
        }
      });
    }
    _fire !== false && fire("setSeries", i, opts2);
    _pub && pubSync("setSeries", self, i, opts2);
  }
  self.setSeries = setSeries;
  function setBand(bi, opts2) {
    assign(bands[bi], opts2);
  }
  function addBand(opts2, bi) {
    opts2.fill = fnOrSelf(opts2.fill || null);
    opts2.dir = ifNull(opts2.dir, -1);
    bi = bi == null ? bands.length : bi;
    bands.splice(bi, 0, opts2);
  }
  function delBand(bi) {
    if (bi == null)
      bands.length = 0;
    else
      bands.splice(bi, 1);
  }
  self.addBand = addBand;
  self.setBand = setBand;
  self.delBand = delBand;
  function setAlpha(i, value) {
    series[i].alpha = value;
    if (showCursor && cursorPts[i] != null)
      cursorPts[i].style.opacity = value;
    if (showLegend && legendRows[i])
      legendRows[i].style.opacity = value;
  }
  let closestDist;
  let closestSeries;
  let focusedSeries;
  const FOCUS_TRUE = { focus: true };
  function setFocus(i) {
    if (i != focusedSeries) {
      let allFocused = i == null;
      let _setAlpha = focus.alpha != 1;
      series.forEach((s, i2) => {
        if (mode == 1 || i2 > 0) {
          let isFocused = allFocused || i2 == 0 || i2 == i;
          s._focus = allFocused ? null : isFocused;
          _setAlpha && setAlpha(i2, isFocused ? 1 : focus.alpha);
        }
      });
      focusedSeries = i;
      _setAlpha && commit();
    }
  }
  if (showLegend && cursorFocus) {
    onMouse(mouseleave, legendTable, (e) => {
      if (cursor._lock)
        return;
      setCursorEvent(e);
      if (focusedSeries != null)
        setSeries(null, FOCUS_TRUE, true, syncOpts.setSeries);
    });
  }
  function posToVal(pos, scale, can2) {
    let sc = scales[scale];
    if (can2)
      pos = pos / pxRatio - (sc.ori == 1 ? plotTopCss : plotLftCss);
    let dim = plotWidCss;
    if (sc.ori == 1) {
      dim = plotHgtCss;
      pos = dim - pos;
    }
    if (sc.dir == -1)
      pos = dim - pos;
    let _min = sc._min, _max = sc._max, pct2 = pos / dim;
    let sv = _min + (_max - _min) * pct2;
    let distr = sc.distr;
    return distr == 3 ? pow(10, sv) : distr == 4 ? sinh(sv, sc.asinh) : distr == 100 ? sc.bwd(sv) : sv;
  }
  function closestIdxFromXpos(pos, can2) {
    let v = posToVal(pos, xScaleKey, can2);
    return closestIdx(v, data[0], i0, i1);
  }
  self.valToIdx = (val) => closestIdx(val, data[0]);
  self.posToIdx = closestIdxFromXpos;
  self.posToVal = posToVal;
  self.valToPos = (val, scale, can2) => scales[scale].ori == 0 ? getHPos(
    val,
    scales[scale],
    can2 ? plotWid : plotWidCss,
    can2 ? plotLft : 0
  ) : getVPos(
    val,
    scales[scale],
    can2 ? plotHgt : plotHgtCss,
    can2 ? plotTop : 0
  );
  self.setCursor = (opts2, _fire, _pub) => {
    mouseLeft1 = opts2.left;
    mouseTop1 = opts2.top;
    updateCursor(null, _fire, _pub);
  };
  function setSelH(off2, dim) {
    setStylePx(selectDiv, LEFT, select.left = off2);
    setStylePx(selectDiv, WIDTH, select.width = dim);
  }
  function setSelV(off2, dim) {
    setStylePx(selectDiv, TOP, select.top = off2);
    setStylePx(selectDiv, HEIGHT, select.height = dim);
  }
  let setSelX = scaleX.ori == 0 ? setSelH : setSelV;
  let setSelY = scaleX.ori == 1 ? setSelH : setSelV;
  function syncLegend() {
    if (showLegend && legend.live) {
      for (let i = mode == 2 ? 1 : 0; i < series.length; i++) {
        if (i == 0 && multiValLegend)
          continue;
        let vals = legend.values[i];
        let j = 0;
        for (let k in vals)
          legendCells[i][j++].firstChild.nodeValue = vals[k];
      }
    }
  }
  function setLegend(opts2, _fire) {
    if (opts2 != null) {
      if (opts2.idxs) {
        opts2.idxs.forEach((didx, sidx) => {
          activeIdxs[sidx] = didx;
        });
      } else if (!isUndef(opts2.idx))
        activeIdxs.fill(opts2.idx);
      legend.idx = activeIdxs[0];
    }
    if (showLegend && legend.live) {
      for (let sidx = 0; sidx < series.length; sidx++) {
        if (sidx > 0 || mode == 1 && !multiValLegend)
          setLegendValues(sidx, activeIdxs[sidx]);
      }
      syncLegend();
    }
    shouldSetLegend = false;
    _fire !== false && fire("setLegend");
  }
  self.setLegend = setLegend;
  function setLegendValues(sidx, idx) {
    let s = series[sidx];
    let src = sidx == 0 && xScaleDistr == 2 ? data0 : data[sidx];
    let val;
    if (multiValLegend)
      val = s.values(self, sidx, idx) ?? NULL_LEGEND_VALUES;
    else {
      val = s.value(self, idx == null ? null : src[idx], sidx, idx);
      val = val == null ? NULL_LEGEND_VALUES : { _: val };
    }
    legend.values[sidx] = val;
  }
  function updateCursor(src, _fire, _pub) {
    rawMouseLeft1 = mouseLeft1;
    rawMouseTop1 = mouseTop1;
    [mouseLeft1, mouseTop1] = cursor.move(self, mouseLeft1, mouseTop1);
    cursor.left = mouseLeft1;
    cursor.top = mouseTop1;
    if (showCursor) {
      vCursor && elTrans(vCursor, round(mouseLeft1), 0, plotWidCss, plotHgtCss);
      hCursor && elTrans(hCursor, 0, round(mouseTop1), plotWidCss, plotHgtCss);
    }
    let idx;
    let noDataInRange = i0 > i1;
    closestDist = inf;
    closestSeries = null;
    let xDim = scaleX.ori == 0 ? plotWidCss : plotHgtCss;
    let yDim = scaleX.ori == 1 ? plotWidCss : plotHgtCss;
    if (mouseLeft1 < 0 || dataLen == 0 || noDataInRange) {
      idx = cursor.idx = null;
      for (let i = 0; i < series.length; i++) {
        let pt = cursorPts[i];
        pt != null && elTrans(pt, -10, -10, plotWidCss, plotHgtCss);
      }
      if (cursorFocus)
        setSeries(null, FOCUS_TRUE, true, src == null && syncOpts.setSeries);
      if (legend.live) {
        activeIdxs.fill(idx);
        shouldSetLegend = true;
      }
    } else {
      let mouseXPos, valAtPosX, xPos;
      if (mode == 1) {
        mouseXPos = scaleX.ori == 0 ? mouseLeft1 : mouseTop1;
        valAtPosX = posToVal(mouseXPos, xScaleKey);
        idx = cursor.idx = closestIdx(valAtPosX, data[0], i0, i1);
        xPos = valToPosX(data[0][idx], scaleX, xDim, 0);
      }
      let _ptLft = -10;
      let _ptTop = -10;
      let _ptWid = 0;
      let _ptHgt = 0;
      let _centered = true;
      let _ptFill = "";
      let _ptStroke = "";
      for (let i = mode == 2 ? 1 : 0; i < series.length; i++) {
        let s = series[i];
        let idx1 = activeIdxs[i];
        let yVal1 = idx1 == null ? null : mode == 1 ? data[i][idx1] : data[i][1][idx1];
        let idx2 = cursor.dataIdx(self, i, idx, valAtPosX);
        let yVal2 = idx2 == null ? null : mode == 1 ? data[i][idx2] : data[i][1][idx2];
        shouldSetLegend = shouldSetLegend || yVal2 != yVal1 || idx2 != idx1;
        activeIdxs[i] = idx2;
        if (i > 0 && s.show) {
          let xPos2 = idx2 == null ? -10 : idx2 == idx ? xPos : valToPosX(mode == 1 ? data[0][idx2] : data[i][0][idx2], scaleX, xDim, 0);
          let yPos = yVal2 == null ? -10 : valToPosY(yVal2, mode == 1 ? scales[s.scale] : scales[s.facets[1].scale], yDim, 0);
          if (cursorFocus && yVal2 != null) {
            let mouseYPos = scaleX.ori == 1 ? mouseLeft1 : mouseTop1;
            let dist = abs(focus.dist(self, i, idx2, yPos, mouseYPos));
            if (dist < closestDist) {
              let bias = focus.bias;
              if (bias != 0) {
                let mouseYVal = posToVal(mouseYPos, s.scale);
                let seriesYValSign = yVal2 >= 0 ? 1 : -1;
                let mouseYValSign = mouseYVal >= 0 ? 1 : -1;
                if (mouseYValSign == seriesYValSign && (mouseYValSign == 1 ? bias == 1 ? yVal2 >= mouseYVal : yVal2 <= mouseYVal : (
                  // >= 0
                  bias == 1 ? yVal2 <= mouseYVal : yVal2 >= mouseYVal
                ))) {
                  closestDist = dist;
                  closestSeries = i;
                }
              } else {
                closestDist = dist;
                closestSeries = i;
              }
            }
          }
          if (shouldSetLegend || cursorOnePt) {
            let hPos, vPos;
            if (scaleX.ori == 0) {
              hPos = xPos2;
              vPos = yPos;
            } else {
              hPos = yPos;
              vPos = xPos2;
            }
            let ptWid, ptHgt, ptLft, ptTop, ptStroke, ptFill, centered = true, getBBox = points2.bbox;
            if (getBBox != null) {
              centered = false;
              let bbox = getBBox(self, i);
              ptLft = bbox.left;
              ptTop = bbox.top;
              ptWid = bbox.width;
              ptHgt = bbox.height;
            } else {
              ptLft = hPos;
              ptTop = vPos;
              ptWid = ptHgt = points2.size(self, i);
            }
            ptFill = points2.fill(self, i);
            ptStroke = points2.stroke(self, i);
            if (cursorOnePt) {
              if (i == closestSeries && closestDist <= focus.prox) {
                _ptLft = ptLft;
                _ptTop = ptTop;
                _ptWid = ptWid;
                _ptHgt = ptHgt;
                _centered = centered;
                _ptFill = ptFill;
                _ptStroke = ptStroke;
              }
            } else {
              let pt = cursorPts[i];
              if (pt != null) {
                cursorPtsLft[i] = ptLft;
                cursorPtsTop[i] = ptTop;
                elSize(pt, ptWid, ptHgt, centered);
                elColor(pt, ptFill, ptStroke);
                elTrans(pt, ceil(ptLft), ceil(ptTop), plotWidCss, plotHgtCss);
              }
            }
          }
        }
      }
      if (cursorOnePt) {
        let p = focus.prox;
        let focusChanged = focusedSeries == null ? closestDist <= p : closestDist > p || closestSeries != focusedSeries;
        if (shouldSetLegend || focusChanged) {
          let pt = cursorPts[0];
          if (pt != null) {
            cursorPtsLft[0] = _ptLft;
            cursorPtsTop[0] = _ptTop;
            elSize(pt, _ptWid, _ptHgt, _centered);
            elColor(pt, _ptFill, _ptStroke);
            elTrans(pt, ceil(_ptLft), ceil(_ptTop), plotWidCss, plotHgtCss);
          }
        }
      }
    }
    if (select.show && dragging) {
      if (src != null) {
        let [xKey, yKey] = syncOpts.scales;
        let [matchXKeys, matchYKeys] = syncOpts.match;
        let [xKeySrc, yKeySrc] = src.cursor.sync.scales;
        let sdrag = src.cursor.drag;
        dragX = sdrag._x;
        dragY = sdrag._y;
        if (dragX || dragY) {
          let { left, top, width, height } = src.select;
          let sori = src.scales[xKeySrc].ori;
          let sPosToVal = src.posToVal;
          let sOff, sDim, sc, a, b;
          let matchingX = xKey != null && matchXKeys(xKey, xKeySrc);
          let matchingY = yKey != null && matchYKeys(yKey, yKeySrc);
          if (matchingX && dragX) {
            if (sori == 0) {
              sOff = left;
              sDim = width;
            } else {
              sOff = top;
              sDim = height;
            }
            sc = scales[xKey];
            a = valToPosX(sPosToVal(sOff, xKeySrc), sc, xDim, 0);
            b = valToPosX(sPosToVal(sOff + sDim, xKeySrc), sc, xDim, 0);
            setSelX(min(a, b), abs(b - a));
          } else
            setSelX(0, xDim);
          if (matchingY && dragY) {
            if (sori == 1) {
              sOff = left;
              sDim = width;
            } else {
              sOff = top;
              sDim = height;
            }
            sc = scales[yKey];
            a = valToPosY(sPosToVal(sOff, yKeySrc), sc, yDim, 0);
            b = valToPosY(sPosToVal(sOff + sDim, yKeySrc), sc, yDim, 0);
            setSelY(min(a, b), abs(b - a));
          } else
            setSelY(0, yDim);
        } else
          hideSelect();
      } else {
        let rawDX = abs(rawMouseLeft1 - rawMouseLeft0);
        let rawDY = abs(rawMouseTop1 - rawMouseTop0);
        if (scaleX.ori == 1) {
          let _rawDX = rawDX;
          rawDX = rawDY;
          rawDY = _rawDX;
        }
        dragX = drag.x && rawDX >= drag.dist;
        dragY = drag.y && rawDY >= drag.dist;
        let uni = drag.uni;
        if (uni != null) {
          if (dragX && dragY) {
            dragX = rawDX >= uni;
            dragY = rawDY >= uni;
            if (!dragX && !dragY) {
              if (rawDY > rawDX)
                dragY = true;
              else
                dragX = true;
            }
          }
        } else if (drag.x && drag.y && (dragX || dragY))
          dragX = dragY = true;
        let p0, p1;
        if (dragX) {
          if (scaleX.ori == 0) {
            p0 = mouseLeft0;
            p1 = mouseLeft1;
          } else {
            p0 = mouseTop0;
            p1 = mouseTop1;
          }
          setSelX(min(p0, p1), abs(p1 - p0));
          if (!dragY)
            setSelY(0, yDim);
        }
        if (dragY) {
          if (scaleX.ori == 1) {
            p0 = mouseLeft0;
            p1 = mouseLeft1;
          } else {
            p0 = mouseTop0;
            p1 = mouseTop1;
          }
          setSelY(min(p0, p1), abs(p1 - p0));
          if (!dragX)
            setSelX(0, xDim);
        }
        if (!dragX && !dragY) {
          setSelX(0, 0);
          setSelY(0, 0);
        }
      }
    }
    drag._x = dragX;
    drag._y = dragY;
    if (src == null) {
      if (_pub) {
        if (syncKey != null) {
          let [xSyncKey, ySyncKey] = syncOpts.scales;
          syncOpts.values[0] = xSyncKey != null ? posToVal(scaleX.ori == 0 ? mouseLeft1 : mouseTop1, xSyncKey) : null;
          syncOpts.values[1] = ySyncKey != null ? posToVal(scaleX.ori == 1 ? mouseLeft1 : mouseTop1, ySyncKey) : null;
        }
        pubSync(mousemove, self, mouseLeft1, mouseTop1, plotWidCss, plotHgtCss, idx);
      }
      if (cursorFocus) {
        let shouldPub = _pub && syncOpts.setSeries;
        let p = focus.prox;
        if (focusedSeries == null) {
          if (closestDist <= p)
            setSeries(closestSeries, FOCUS_TRUE, true, shouldPub);
        } else {
          if (closestDist > p)
            setSeries(null, FOCUS_TRUE, true, shouldPub);
          else if (closestSeries != focusedSeries)
            setSeries(closestSeries, FOCUS_TRUE, true, shouldPub);
        }
      }
    }
    if (shouldSetLegend) {
      legend.idx = idx;
      setLegend();
    }
    _fire !== false && fire("setCursor");
  }
  let rect2 = null;
  Object.defineProperty(self, "rect", {
    get() {
      if (rect2 == null)
        syncRect(false);
      return rect2;
    }
  });
  function syncRect(defer = false) {
    if (defer)
      rect2 = null;
    else {
      rect2 = over.getBoundingClientRect();
      fire("syncRect", rect2);
    }
  }
  function mouseMove(e, src, _l, _t, _w, _h, _i) {
    if (cursor._lock)
      return;
    if (dragging && e != null && e.movementX == 0 && e.movementY == 0)
      return;
    cacheMouse(e, src, _l, _t, _w, _h, _i, false, e != null);
    if (e != null)
      updateCursor(null, true, true);
    else
      updateCursor(src, true, false);
  }
  function cacheMouse(e, src, _l, _t, _w, _h, _i, initial, snap) {
    if (rect2 == null)
      syncRect(false);
    setCursorEvent(e);
    if (e != null) {
      _l = e.clientX - rect2.left;
      _t = e.clientY - rect2.top;
    } else {
      if (_l < 0 || _t < 0) {
        mouseLeft1 = -10;
        mouseTop1 = -10;
        return;
      }
      let [xKey, yKey] = syncOpts.scales;
      let syncOptsSrc = src.cursor.sync;
      let [xValSrc, yValSrc] = syncOptsSrc.values;
      let [xKeySrc, yKeySrc] = syncOptsSrc.scales;
      let [matchXKeys, matchYKeys] = syncOpts.match;
      let rotSrc = src.axes[0].side % 2 == 1;
      let xDim = scaleX.ori == 0 ? plotWidCss : plotHgtCss, yDim = scaleX.ori == 1 ? plotWidCss : plotHgtCss, _xDim = rotSrc ? _h : _w, _yDim = rotSrc ? _w : _h, _xPos = rotSrc ? _t : _l, _yPos = rotSrc ? _l : _t;
      if (xKeySrc != null)
        _l = matchXKeys(xKey, xKeySrc) ? getPos(xValSrc, scales[xKey], xDim, 0) : -10;
      else
        _l = xDim * (_xPos / _xDim);
      if (yKeySrc != null)
        _t = matchYKeys(yKey, yKeySrc) ? getPos(yValSrc, scales[yKey], yDim, 0) : -10;
      else
        _t = yDim * (_yPos / _yDim);
      if (scaleX.ori == 1) {
        let __l = _l;
        _l = _t;
        _t = __l;
      }
    }
    if (snap && (src == null || src.cursor.event.type == mousemove)) {
      if (_l <= 1 || _l >= plotWidCss - 1)
        _l = incrRound(_l, plotWidCss);
      if (_t <= 1 || _t >= plotHgtCss - 1)
        _t = incrRound(_t, plotHgtCss);
    }
    if (initial) {
      rawMouseLeft0 = _l;
      rawMouseTop0 = _t;
      [mouseLeft0, mouseTop0] = cursor.move(self, _l, _t);
    } else {
      mouseLeft1 = _l;
      mouseTop1 = _t;
    }
  }
  const _hideProps = {
    width: 0,
    height: 0,
    left: 0,
    top: 0
  };
  function hideSelect() {
    setSelect(_hideProps, false);
  }
  let downSelectLeft;
  let downSelectTop;
  let downSelectWidth;
  let downSelectHeight;
  function mouseDown(e, src, _l, _t, _w, _h, _i) {
    dragging = true;
    dragX = dragY = drag._x = drag._y = false;
    cacheMouse(e, src, _l, _t, _w, _h, _i, true, false);
    if (e != null) {
      onMouse(mouseup, doc, mouseUp, false);
      pubSync(mousedown, self, mouseLeft0, mouseTop0, plotWidCss, plotHgtCss, null);
    }
    let { left, top, width, height } = select;
    downSelectLeft = left;
    downSelectTop = top;
    downSelectWidth = width;
    downSelectHeight = height;
  }
  function mouseUp(e, src, _l, _t, _w, _h, _i) {
    dragging = drag._x = drag._y = false;
    cacheMouse(e, src, _l, _t, _w, _h, _i, false, true);
    let { left, top, width, height } = select;
    let hasSelect = width > 0 || height > 0;
    let chgSelect = downSelectLeft != left || downSelectTop != top || downSelectWidth != width || downSelectHeight != height;
    hasSelect && chgSelect && setSelect(select);
    if (drag.setScale && hasSelect && chgSelect) {
      let xOff = left, xDim = width, yOff = top, yDim = height;
      if (scaleX.ori == 1) {
        xOff = top, xDim = height, yOff = left, yDim = width;
      }
      if (dragX) {
        _setScale(
          xScaleKey,
          posToVal(xOff, xScaleKey),
          posToVal(xOff + xDim, xScaleKey)
        );
      }
      if (dragY) {
        for (let k in scales) {
          let sc = scales[k];
          if (k != xScaleKey && sc.from == null && sc.min != inf) {
            _setScale(
              k,
              posToVal(yOff + yDim, k),
              posToVal(yOff, k)
            );
          }
        }
      }
      hideSelect();
    } else if (cursor.lock) {
      cursor._lock = !cursor._lock;
      updateCursor(src, true, e != null);
    }
    if (e != null) {
      offMouse(mouseup, doc);
      pubSync(mouseup, self, mouseLeft1, mouseTop1, plotWidCss, plotHgtCss, null);
    }
  }
  function mouseLeave(e, src, _l, _t, _w, _h, _i) {
    if (cursor._lock)
      return;
    setCursorEvent(e);
    let _dragging = dragging;
    if (dragging) {
      let snapH = true;
      let snapV = true;
      let snapProx = 10;
      let dragH, dragV;
      if (scaleX.ori == 0) {
        dragH = dragX;
        dragV = dragY;
      } else {
        dragH = dragY;
        dragV = dragX;
      }
      if (dragH && dragV) {
        snapH = mouseLeft1 <= snapProx || mouseLeft1 >= plotWidCss - snapProx;
        snapV = mouseTop1 <= snapProx || mouseTop1 >= plotHgtCss - snapProx;
      }
      if (dragH && snapH)
        mouseLeft1 = mouseLeft1 < mouseLeft0 ? 0 : plotWidCss;
      if (dragV && snapV)
        mouseTop1 = mouseTop1 < mouseTop0 ? 0 : plotHgtCss;
      updateCursor(null, true, true);
      dragging = false;
    }
    mouseLeft1 = -10;
    mouseTop1 = -10;
    activeIdxs.fill(null);
    updateCursor(null, true, true);
    if (_dragging)
      dragging = _dragging;
  }
  function dblClick(e, src, _l, _t, _w, _h, _i) {
    if (cursor._lock)
      return;
    setCursorEvent(e);
    autoScaleX();
    hideSelect();
    if (e != null)
      pubSync(dblclick, self, mouseLeft1, mouseTop1, plotWidCss, plotHgtCss, null);
  }
  function syncPxRatio() {
    axes.forEach(syncFontSize);
    _setSize(self.width, self.height, true);
  }
  on(dppxchange, win, syncPxRatio);
  const events = {};
  events.mousedown = mouseDown;
  events.mousemove = mouseMove;
  events.mouseup = mouseUp;
  events.dblclick = dblClick;
  events["setSeries"] = (e, src, idx, opts2) => {
    let seriesIdxMatcher2 = syncOpts.match[2];
    idx = seriesIdxMatcher2(self, src, idx);
    idx != -1 && setSeries(idx, opts2, true, false);
  };
  if (showCursor) {
    onMouse(mousedown, over, mouseDown);
    onMouse(mousemove, over, mouseMove);
    onMouse(mouseenter, over, (e) => {
      setCursorEvent(e);
      syncRect(false);
    });
    onMouse(mouseleave, over, mouseLeave);
    onMouse(dblclick, over, dblClick);
    cursorPlots.add(self);
    self.syncRect = syncRect;
  }
  const hooks = self.hooks = opts.hooks || {};
  function fire(evName, a1, a2) {
    if (deferHooks)
      hooksQueue.push([evName, a1, a2]);
    else {
      if (evName in hooks) {
        hooks[evName].forEach((fn) => {
          fn.call(null, self, a1, a2);
        });
      }
    }
  }
  (opts.plugins || []).forEach((p) => {
    for (let evName in p.hooks)
      hooks[evName] = (hooks[evName] || []).concat(p.hooks[evName]);
  });
  const seriesIdxMatcher = (self2, src, srcSeriesIdx) => srcSeriesIdx;
  const syncOpts = assign({
    key: null,
    setSeries: false,
    filters: {
      pub: retTrue,
      sub: retTrue
    },
    scales: [xScaleKey, series[1] ? series[1].scale : null],
    match: [retEq, retEq, seriesIdxMatcher],
    values: [null, null]
  }, cursor.sync);
  if (syncOpts.match.length == 2)
    syncOpts.match.push(seriesIdxMatcher);
  cursor.sync = syncOpts;
  const syncKey = syncOpts.key;
  const sync = _sync(syncKey);
  function pubSync(type, src, x, y, w, h, i) {
    if (syncOpts.filters.pub(type, src, x, y, w, h, i))
      sync.pub(type, src, x, y, w, h, i);
  }
  sync.sub(self);
  function pub(type, src, x, y, w, h, i) {
    if (syncOpts.filters.sub(type, src, x, y, w, h, i))
      events[type](null, src, x, y, w, h, i);
  }
  self.pub = pub;
  function destroy() {
    sync.unsub(self);
    cursorPlots.delete(self);
    mouseListeners.clear();
    off(dppxchange, win, syncPxRatio);
    root2.remove();
    legendTable?.remove();
    fire("destroy");
  }
  self.destroy = destroy;
  function _init() {
    fire("init", opts, data);
    setData(data || opts.data, false);
    if (pendScales[xScaleKey])
      setScale(xScaleKey, pendScales[xScaleKey]);
    else
      autoScaleX();
    shouldSetSelect = select.show && (select.width > 0 || select.height > 0);
    shouldSetCursor = shouldSetLegend = true;
    _setSize(opts.width, opts.height);
  }
  series.forEach(initSeries);
  axes.forEach(initAxis);
  if (then) {
    if (then instanceof HTMLElement) {
      then.appendChild(root2);
      _init();
    } else
      then(self, _init);
  } else
    _init();
  return self;
}
uPlot.assign = assign;
uPlot.fmtNum = fmtNum;
uPlot.rangeNum = rangeNum;
uPlot.rangeLog = rangeLog;
uPlot.rangeAsinh = rangeAsinh;
uPlot.orient = orient;
uPlot.pxRatio = pxRatio;
{
  uPlot.join = join;
}
{
  uPlot.fmtDate = fmtDate;
  uPlot.tzDate = tzDate;
}
uPlot.sync = _sync;
{
  uPlot.addGap = addGap;
  uPlot.clipGaps = clipGaps;
  let paths = uPlot.paths = {
    points
  };
  paths.linear = linear;
  paths.stepped = stepped;
  paths.bars = bars;
  paths.spline = monotoneCubic;
}
function ema(y, weight) {
  const out = new Float64Array(y.length);
  if (weight <= 0) {
    for (let i = 0; i < y.length; i++) out[i] = y[i];
    return out;
  }
  let last = 0;
  let debias = 1;
  for (let i = 0; i < y.length; i++) {
    const v = y[i];
    if (!Number.isFinite(v)) {
      out[i] = v;
      continue;
    }
    last = last * weight + (1 - weight) * v;
    debias *= weight;
    out[i] = last / (1 - debias);
  }
  return out;
}
function lowerBound(x, v) {
  let lo = 0;
  let hi = x.length;
  while (lo < hi) {
    const mid = lo + hi >>> 1;
    if (x[mid] < v) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
function rangeOf(series) {
  let lo = Infinity;
  let hi = -Infinity;
  for (const s of series) {
    if (!s.x.length) continue;
    lo = Math.min(lo, s.x[0]);
    hi = Math.max(hi, s.x[s.x.length - 1]);
  }
  return lo <= hi ? [lo, hi] : null;
}
function align(series, opts) {
  const full = rangeOf(series);
  const range = opts.range ?? full;
  if (!range) return { data: [new Float64Array(0), ...series.map(() => [])], decimated: false, points: 0 };
  const [lo, hi] = range;
  const spans = series.map((s) => [lowerBound(s.x, lo), lowerBound(s.x, hi + Number.EPSILON * Math.max(1, Math.abs(hi)))]);
  const maxLen = Math.max(0, ...spans.map(([a, b]) => b - a));
  const buckets = Math.max(1, Math.floor(opts.buckets));
  const exactLimit = opts.exactLimit ?? buckets * 2;
  if (maxLen <= exactLimit) {
    const xs = /* @__PURE__ */ new Set();
    series.forEach((s, k) => {
      for (let i = spans[k][0]; i < spans[k][1]; i++) xs.add(s.x[i]);
    });
    const X2 = Float64Array.from(xs).sort();
    const row = /* @__PURE__ */ new Map();
    X2.forEach((x, i) => row.set(x, i));
    const ys2 = series.map((s, k) => {
      const y = new Array(X2.length).fill(null);
      for (let i = spans[k][0]; i < spans[k][1]; i++) {
        const v = s.y[i];
        y[row.get(s.x[i])] = Number.isFinite(v) ? v : null;
      }
      return y;
    });
    return { data: [X2, ...ys2], decimated: false, points: X2.length * series.length };
  }
  const width = hi > lo ? (hi - lo) / buckets : 1;
  const X = new Float64Array(buckets * 2);
  for (let b = 0; b < buckets; b++) {
    X[2 * b] = lo + (b + 0.25) * width;
    X[2 * b + 1] = lo + (b + 0.75) * width;
  }
  let points2 = 0;
  const ys = series.map((s, k) => {
    const y = new Array(buckets * 2).fill(null);
    let cur = -1;
    let mn = Infinity;
    let mx = -Infinity;
    let mnAt = 0;
    let mxAt = 0;
    let n = 0;
    const flush = () => {
      if (cur < 0 || n === 0) return;
      if (n === 1 || mnAt === mxAt) y[2 * cur] = mn;
      else if (mnAt < mxAt) {
        y[2 * cur] = mn;
        y[2 * cur + 1] = mx;
      } else {
        y[2 * cur] = mx;
        y[2 * cur + 1] = mn;
      }
      points2 += n === 1 ? 1 : 2;
    };
    for (let i = spans[k][0]; i < spans[k][1]; i++) {
      const v = s.y[i];
      if (!Number.isFinite(v)) continue;
      const b = Math.min(buckets - 1, Math.floor((s.x[i] - lo) / width));
      if (b !== cur) {
        flush();
        cur = b;
        mn = Infinity;
        mx = -Infinity;
        n = 0;
      }
      if (v < mn) {
        mn = v;
        mnAt = i;
      }
      if (v > mx) {
        mx = v;
        mxAt = i;
      }
      n++;
    }
    flush();
    return y;
  });
  return { data: [X, ...ys], decimated: true, points: points2 };
}
function tickLabel(v, incr) {
  if (v === 0) return "0";
  const a = Math.abs(v);
  if (a >= 1e6 || a < 1e-4) return v.toExponential(Math.max(0, Math.min(4, Math.ceil(Math.log10(a) - Math.log10(incr)) - 1)));
  const decimals = Math.max(0, Math.min(10, -Math.floor(Math.log10(incr) + 1e-9)));
  return v.toFixed(decimals);
}
function axisWidth(labels) {
  if (!labels?.length) return 40;
  return Math.max(36, Math.ceil(Math.max(...labels.map((l) => l.length)) * 6.6) + 14);
}
const STEP_INCRS = [1, 2, 5, 10, 20, 25, 50, 100, 200, 250, 500, 1e3, 2e3, 2500, 5e3, 1e4, 2e4, 25e3, 5e4, 1e5, 2e5, 25e4, 5e5, 1e6, 2e6, 5e6, 1e7, 1e8, 1e9];
const chartTimings = [];
globalThis.__chartTimings = chartTimings;
var root_1$7 = /* @__PURE__ */ from_html(`<span class="badge svelte-mii0cw" title="min/max per pixel column: every spike is kept">decimated</span>`);
var root_2$7 = /* @__PURE__ */ from_html(`<span class="x"> </span>`);
var root_3$8 = /* @__PURE__ */ from_html(`<span class="item svelte-mii0cw"><i class="sw svelte-mii0cw"></i> <b class="svelte-mii0cw"> </b></span>`);
var root_4$8 = /* @__PURE__ */ from_html(`<div class="empty svelte-mii0cw">no points yet</div>`);
var root$8 = /* @__PURE__ */ from_html(`<div class="chart svelte-mii0cw"><div class="head svelte-mii0cw"><span class="title svelte-mii0cw"> </span> <!> <span class="legend svelte-mii0cw"><!> <!></span></div> <div class="plot svelte-mii0cw"></div> <!></div>`);
function Chart($$anchor, $$props) {
  push($$props, true);
  let smoothing = prop($$props, "smoothing", 3, 0), logY = prop($$props, "logY", 3, false), xKind = prop($$props, "xKind", 3, "step"), height = prop($$props, "height", 3, 170), testid = prop($$props, "testid", 3, void 0);
  let host;
  let width = /* @__PURE__ */ state(0);
  let u = null;
  let structure = "";
  let zoom = null;
  let t0 = 0;
  let pendingTiming = false;
  let lastPoints = 0;
  let lastRendered = 0;
  let decimated = /* @__PURE__ */ state(false);
  let cursorValues = /* @__PURE__ */ state(null);
  let cursorX = /* @__PURE__ */ state(null);
  let prepared = [];
  const lastValues = /* @__PURE__ */ user_derived(() => $$props.series.map((s) => {
    for (let i = s.y.length - 1; i >= 0; i--) if (Number.isFinite(s.y[i])) return s.y[i];
    return null;
  }));
  function prepare() {
    prepared = $$props.series.map((s) => {
      let y = s.y;
      if (logY()) y = Float64Array.from(s.y, (v) => v > 0 ? v : NaN);
      return {
        raw: { x: s.x, y },
        smooth: smoothing() > 0 ? { x: s.x, y: ema(y, smoothing()) } : null
      };
    });
  }
  function alignedData() {
    const curves = [
      ...prepared.map((p) => p.raw),
      ...prepared.flatMap((p) => p.smooth ? [p.smooth] : [])
    ];
    const r2 = align(curves, {
      buckets: Math.max(50, Math.floor((get(width) || 400) - 60)),
      range: zoom
    });
    set(decimated, r2.decimated, true);
    lastRendered = r2.points;
    return r2.data;
  }
  function xValues(_u, vals) {
    if (xKind() === "relative") return vals.map((v) => duration(v));
    return vals.map((v) => compactInt(v));
  }
  function options() {
    const s = [{}];
    for (const c of $$props.series) s.push({
      label: `${c.label}${smoothing() > 0 ? " (raw)" : ""}`,
      stroke: smoothing() > 0 ? c.faint : c.color,
      width: 1,
      spanGaps: true
    });
    if (smoothing() > 0) for (const c of $$props.series) s.push({ label: c.label, stroke: c.color, width: 1.6, spanGaps: true });
    return {
      width: Math.max(200, get(width)),
      height: height(),
      legend: { show: false },
      scales: {
        x: { time: xKind() === "wall" },
        y: logY() ? { distr: 3, log: 10 } : { auto: true }
      },
      axes: [
        {
          stroke: "#667",
          grid: { stroke: "#eef0f3", width: 1 },
          ticks: { stroke: "#dde", width: 1 },
          size: 28,
          font: "11px system-ui",
          ...xKind() === "step" ? { incrs: STEP_INCRS, values: xValues } : xKind() === "relative" ? { values: xValues } : {}
        },
        {
          stroke: "#667",
          grid: { stroke: "#eef0f3", width: 1 },
          ticks: { show: !logY(), stroke: "#dde", width: 1 },
          font: "11px system-ui",
          size: (_u, values) => axisWidth(values),
          // uPlot passes null for ticks it leaves unlabelled (the minor ticks of a log axis)
          values: (_u, vals, _axis, _space, incr) => vals.map((v) => v === null || v === void 0 ? "" : logY() ? num(v, 3) : tickLabel(v, incr))
        }
      ],
      series: s,
      cursor: {
        drag: { x: true, y: false, setScale: false },
        points: { size: 5 },
        bind: {
          dblclick: () => () => {
            zoom = null;
            update();
            return null;
          }
        }
      },
      hooks: {
        draw: [
          () => {
            if (!pendingTiming) return;
            pendingTiming = false;
            const ms = performance.now() - t0;
            host.dataset.drawMs = ms.toFixed(1);
            host.dataset.points = String(lastPoints);
            host.dataset.rendered = String(lastRendered);
            chartTimings.push({
              title: $$props.title,
              ms,
              points: lastPoints,
              rendered: lastRendered,
              series: $$props.series.length,
              at: performance.now()
            });
          }
        ],
        setSelect: [
          (self) => {
            const { left, width: w } = self.select;
            if (w < 3) return;
            zoom = [self.posToVal(left, "x"), self.posToVal(left + w, "x")];
            self.setSelect({ left: 0, top: 0, width: 0, height: 0 }, false);
            update();
          }
        ],
        setCursor: [
          (self) => {
            const left = self.cursor.left;
            if (left === void 0 || left < 0 || self.cursor.idx === null || self.cursor.idx === void 0) {
              set(cursorValues, null);
              set(cursorX, null);
              return;
            }
            const x = self.posToVal(left, "x");
            set(cursorX, x, true);
            set(
              cursorValues,
              prepared.map((p) => {
                const c = p.smooth ?? p.raw;
                const n = c.x.length;
                if (!n || x < c.x[0] || x > c.x[n - 1]) return null;
                let i = lowerBound(c.x, x);
                if (i >= n || i > 0 && x - c.x[i - 1] < c.x[i] - x) i--;
                return Number.isFinite(c.y[i]) ? c.y[i] : null;
              }),
              true
            );
          }
        ]
      }
    };
  }
  function update(start2 = performance.now()) {
    if (!u) return;
    t0 = start2;
    pendingTiming = true;
    const data = alignedData();
    if (zoom === null) u.setData(data, true);
    else {
      u.setData(data, false);
      u.setScale("x", { min: zoom[0], max: zoom[1] });
    }
  }
  function render() {
    if (!host || get(width) <= 0) return;
    t0 = performance.now();
    pendingTiming = true;
    lastPoints = $$props.series.reduce((a, s) => a + s.y.length, 0);
    prepare();
    const key2 = `${$$props.series.map((s) => `${s.key}:${s.color}`).join("|")}/${smoothing() > 0}/${logY()}/${xKind()}/${height()}`;
    if (u && key2 === structure) {
      if (Math.round(u.width) !== Math.round(Math.max(200, get(width)))) u.setSize({ width: Math.max(200, get(width)), height: height() });
      update(t0);
      return;
    }
    u?.destroy();
    zoom = null;
    structure = key2;
    const data = alignedData();
    u = new uPlot(options(), data, host);
  }
  user_effect(() => {
    void [
      $$props.series,
      smoothing(),
      logY(),
      xKind(),
      height(),
      get(width)
    ];
    render();
  });
  onDestroy(() => {
    u?.destroy();
    u = null;
  });
  const fmtX = (x) => xKind() === "relative" ? duration(x) : xKind() === "wall" ? new Date(x * 1e3).toLocaleTimeString() : `step ${Math.round(x)}`;
  var div = root$8();
  var div_1 = child(div);
  var span = child(div_1);
  var text2 = child(span);
  var node = sibling(span, 2);
  {
    var consequent = ($$anchor2) => {
      var span_1 = root_1$7();
      append($$anchor2, span_1);
    };
    if_block(node, ($$render) => {
      if (get(decimated)) $$render(consequent);
    });
  }
  var span_2 = sibling(node, 2);
  var node_1 = child(span_2);
  {
    var consequent_1 = ($$anchor2) => {
      var span_3 = root_2$7();
      var text_1 = child(span_3);
      template_effect(($0) => set_text(text_1, $0), [() => fmtX(get(cursorX))]);
      append($$anchor2, span_3);
    };
    if_block(node_1, ($$render) => {
      if (get(cursorX) !== null) $$render(consequent_1);
    });
  }
  var node_2 = sibling(node_1, 2);
  each(node_2, 19, () => $$props.series, (s) => s.key, ($$anchor2, s, k) => {
    var span_4 = root_3$8();
    var i_1 = child(span_4);
    let styles;
    var text_2 = sibling(i_1);
    var b = sibling(text_2);
    var text_3 = child(b);
    template_effect(
      ($0) => {
        set_attribute(span_4, "title", get(s).label);
        styles = set_style(i_1, "", styles, { background: get(s).color });
        set_text(text_2, `${get(s).label ?? ""} `);
        set_text(text_3, $0);
      },
      [
        () => num(
          get(cursorValues) ? get(cursorValues)[get(k)] : get(lastValues)[get(k)],
          4
        )
      ]
    );
    append($$anchor2, span_4);
  });
  var div_2 = sibling(div_1, 2);
  bind_this(div_2, ($$value) => host = $$value, () => host);
  var node_3 = sibling(div_2, 2);
  {
    var consequent_2 = ($$anchor2) => {
      var div_3 = root_4$8();
      append($$anchor2, div_3);
    };
    if_block(node_3, ($$render) => {
      if ($$props.series.every((s) => s.y.length === 0)) $$render(consequent_2);
    });
  }
  template_effect(() => {
    set_attribute(div, "data-testid", testid());
    set_attribute(div, "data-title", $$props.title);
    set_text(text2, $$props.title);
  });
  bind_element_size(div_2, "clientWidth", ($$value) => set(width, $$value));
  append($$anchor, div);
  pop();
}
var root$7 = /* @__PURE__ */ from_html(`<div class="controls row svelte-58k2w6" data-testid="chart-controls"><label title="exponential moving average; the raw curve stays faint underneath" class="svelte-58k2w6">smoothing <input type="range" min="0" max="0.99" step="0.01" data-testid="smoothing" class="svelte-58k2w6"/> <span class="tabnums val svelte-58k2w6"> </span></label> <label class="svelte-58k2w6"><input type="checkbox" data-testid="log-scale"/> log y</label> <label class="svelte-58k2w6">x axis <select data-testid="x-axis"><option>step</option><option>time since start</option><option>wall clock</option></select></label> <span class="muted small">drag to zoom · double-click to reset</span></div>`);
function ChartControls($$anchor, $$props) {
  push($$props, true);
  user_effect(() => {
    void [chartPrefs.smoothing, chartPrefs.logY, chartPrefs.xKind];
    savePrefs();
  });
  var div = root$7();
  var label = child(div);
  var input = sibling(child(label));
  var span = sibling(input, 2);
  var text2 = child(span);
  var label_1 = sibling(label, 2);
  var input_1 = child(label_1);
  var label_2 = sibling(label_1, 2);
  var select = sibling(child(label_2));
  var option = child(select);
  option.value = option.__value = "step";
  var option_1 = sibling(option);
  option_1.value = option_1.__value = "relative";
  var option_2 = sibling(option_1);
  option_2.value = option_2.__value = "wall";
  template_effect(($0) => set_text(text2, $0), [() => chartPrefs.smoothing.toFixed(2)]);
  bind_value(input, () => chartPrefs.smoothing, ($$value) => chartPrefs.smoothing = $$value);
  bind_checked(input_1, () => chartPrefs.logY, ($$value) => chartPrefs.logY = $$value);
  bind_select_value(select, () => chartPrefs.xKind, ($$value) => chartPrefs.xKind = $$value);
  append($$anchor, div);
  pop();
}
var root_3$7 = /* @__PURE__ */ from_html(`<div class="muted"> </div>`);
var root_5$6 = /* @__PURE__ */ from_html(`<span class="chip"> </span>`);
var root_6$3 = /* @__PURE__ */ from_html(`<button type="button" data-testid="pause-run">Pause</button>`);
var root_7$4 = /* @__PURE__ */ from_html(`<button type="button" data-testid="continue-run">Continue</button>`);
var root_8$4 = /* @__PURE__ */ from_html(`<button type="button" data-testid="stop-run">Stop</button>`);
var root_9$4 = /* @__PURE__ */ from_html(`<button type="button" data-testid="resume-run">Resume</button>`);
var root_10$4 = /* @__PURE__ */ from_html(`<form class="panel edit row svelte-1rbdul2" data-testid="edit-form"><label class="svelte-1rbdul2">name <input type="text" maxlength="200" required data-testid="edit-name"/></label> <label class="svelte-1rbdul2">tags <input type="text" placeholder="comma, separated" data-testid="edit-tags"/></label> <label class="grow svelte-1rbdul2">notes <input type="text" class="notes svelte-1rbdul2" data-testid="edit-notes"/></label> <button type="submit" class="primary">Save</button> <button type="button">Cancel</button></form>`);
var root_12$3 = /* @__PURE__ */ from_html(`<div class="notes-view muted svelte-1rbdul2"> </div>`);
var root_13$2 = /* @__PURE__ */ from_html(`<div class="warn svelte-1rbdul2" data-testid="collapse-warning"><b>Representation collapse suspected.</b> </div>`);
var root_14$3 = /* @__PURE__ */ from_html(`<div class="err-run svelte-1rbdul2" data-testid="run-error"><b>Run failed:</b> </div>`);
var root_16$1 = /* @__PURE__ */ from_html(`<div class="muted panel"> </div>`);
var root_17$2 = /* @__PURE__ */ from_html(`<dt class="svelte-1rbdul2">parent</dt><dd class="svelte-1rbdul2"><a> </a></dd>`, 1);
var root_19$2 = /* @__PURE__ */ from_html(`<tr><td class="num"> </td><td class="num muted"> </td><td class="muted"> </td></tr>`);
var root_18$2 = /* @__PURE__ */ from_html(`<table data-testid="checkpoints"><tbody></tbody></table>`);
var root_20$2 = /* @__PURE__ */ from_html(`<div class="muted small"> </div>`);
var root_21 = /* @__PURE__ */ from_html(`<div><span class="muted tabnums"> </span> </div>`);
var root_22$2 = /* @__PURE__ */ from_html(`<div class="muted small">no events</div>`);
var root_23$1 = /* @__PURE__ */ from_html(`<tr><td class="muted svelte-1rbdul2"> </td><td class="tabnums svelte-1rbdul2"> </td></tr>`);
var root_4$7 = /* @__PURE__ */ from_html(`<div class="head row svelte-1rbdul2"><i class="swatch"></i> <h2 data-testid="run-title"> </h2> <span class="muted"> </span> <span data-testid="run-status"> </span> <!> <span class="prog svelte-1rbdul2"><!></span> <span class="grow"></span> <!> <!> <!> <!> <button type="button" data-testid="edit-run">Edit</button> <a>compare</a> <a>neighbours</a> <a>masks</a> <button type="button" class="danger" data-testid="delete-run">Delete</button></div> <!> <!> <!> <!> <div class="layout svelte-1rbdul2"><section class="charts svelte-1rbdul2"><!> <div class="grid svelte-1rbdul2" data-testid="run-charts"></div></section> <aside class="svelte-1rbdul2"><div class="panel"><h3>Run</h3> <dl class="svelte-1rbdul2"><dt class="svelte-1rbdul2">backend</dt><dd data-testid="run-backend" class="svelte-1rbdul2"> </dd> <dt class="svelte-1rbdul2">dataset</dt><dd class="svelte-1rbdul2"> </dd> <dt class="svelte-1rbdul2">preset</dt><dd class="svelte-1rbdul2"> </dd> <dt class="svelte-1rbdul2">seed</dt><dd class="svelte-1rbdul2"> </dd> <dt class="svelte-1rbdul2">loss</dt><dd class="svelte-1rbdul2"> <span class="muted"> </span></dd> <dt class="svelte-1rbdul2">kNN acc</dt><dd class="svelte-1rbdul2"> </dd> <dt class="svelte-1rbdul2">started</dt><dd class="svelte-1rbdul2"> </dd> <dt class="svelte-1rbdul2">duration</dt><dd class="svelte-1rbdul2"> </dd> <dt class="svelte-1rbdul2">host</dt><dd class="svelte-1rbdul2"> </dd> <!></dl></div> <div class="panel"><h3>Checkpoints <span class="muted"> </span></h3> <!></div> <div class="panel"><h3>Events</h3> <div class="events svelte-1rbdul2" data-testid="events"></div></div> <details class="panel svelte-1rbdul2" open><summary class="svelte-1rbdul2"><h3 class="svelte-1rbdul2">Config</h3></summary> <table class="config svelte-1rbdul2" data-testid="config"><tbody></tbody></table></details></aside></div>`, 1);
var root$6 = /* @__PURE__ */ from_html(`<!> <!>`, 1);
function Run($$anchor, $$props) {
  push($$props, true);
  let detail = /* @__PURE__ */ state(null);
  let metrics = /* @__PURE__ */ state({});
  let error = /* @__PURE__ */ state(null);
  let actionError = /* @__PURE__ */ state(null);
  let confirmOpen = /* @__PURE__ */ state(false);
  let loading = false;
  let again = false;
  let detailTimer = null;
  const run = /* @__PURE__ */ user_derived(() => labState.run($$props.id) ?? get(detail)?.run ?? null);
  const progress = /* @__PURE__ */ user_derived(() => labState.progress[$$props.id]);
  async function loadMetrics(full = false) {
    if (loading) {
      again = true;
      return;
    }
    loading = true;
    try {
      const after = full ? void 0 : maxStep(get(metrics));
      const inc = await lab.metrics({
        id: $$props.id,
        afterStep: after !== void 0 && after >= 0 ? after : void 0
      });
      set(metrics, full || after === void 0 || after < 0 ? inc : mergeMetrics(get(metrics), inc));
    } catch (e) {
      set(error, e, true);
    } finally {
      loading = false;
      if (again) {
        again = false;
        loadMetrics();
      }
    }
  }
  async function loadDetail() {
    try {
      set(detail, await lab.run({ id: $$props.id }), true);
      lastStatus ??= get(detail).run.status;
      set(error, null);
    } catch (e) {
      set(error, e, true);
    }
  }
  function detailSoon() {
    detailTimer ??= setTimeout(
      () => {
        detailTimer = null;
        loadDetail();
      },
      1e3
    );
  }
  let lastStatus = null;
  loadDetail();
  loadMetrics(true);
  const off2 = onLabEvent((e) => {
    if (e.type === "metrics" && e.runId === $$props.id) {
      loadMetrics();
      detailSoon();
    } else if (e.type === "run" && e.run.id === $$props.id) {
      if (e.run.status === "running" && lastStatus !== null && lastStatus !== "running") loadMetrics(true);
      lastStatus = e.run.status;
      detailSoon();
    } else if (e.type === "event" && e.runId === $$props.id) detailSoon();
  });
  onDestroy(() => {
    off2();
    if (detailTimer) clearTimeout(detailTimer);
  });
  const names = /* @__PURE__ */ user_derived(() => orderMetrics(Object.keys(get(metrics))));
  const t0 = /* @__PURE__ */ user_derived(() => get(run)?.started_at ?? firstTime(get(metrics)));
  const charts = /* @__PURE__ */ user_derived(() => get(names).map((name) => {
    const s = get(metrics)[name];
    return {
      name,
      series: [
        {
          key: `${$$props.id}`,
          label: get(run)?.name ?? `run ${$$props.id}`,
          color: runColor($$props.id),
          faint: runColor($$props.id, 0.28),
          x: xOf(s, chartPrefs.xKind, get(t0)),
          y: s.value
        }
      ]
    };
  }));
  async function act(what) {
    set(actionError, null);
    try {
      const r2 = await lab[what]({ id: $$props.id });
      const i = labState.runs.findIndex((x) => x.id === $$props.id);
      if (i >= 0) labState.runs[i] = r2;
    } catch (e) {
      set(actionError, e, true);
    }
  }
  async function doDelete() {
    try {
      await lab.deleteRun({ id: $$props.id });
      labState.runs = labState.runs.filter((r2) => r2.id !== $$props.id);
      router.go("runs");
    } catch (e) {
      set(actionError, e, true);
    }
  }
  let editing = /* @__PURE__ */ state(false);
  let edit = /* @__PURE__ */ state(proxy({ name: "", tags: "", notes: "" }));
  function startEdit() {
    if (!get(run)) return;
    set(
      edit,
      {
        name: get(run).name,
        tags: get(run).tags.join(", "),
        notes: get(run).notes
      },
      true
    );
    set(editing, true);
  }
  async function saveEdit(ev) {
    ev.preventDefault();
    set(actionError, null);
    try {
      const r2 = await lab.annotate({
        id: $$props.id,
        name: get(edit).name.trim(),
        tags: get(edit).tags.split(",").map((t) => t.trim()).filter(Boolean),
        notes: get(edit).notes
      });
      const i = labState.runs.findIndex((x) => x.id === $$props.id);
      if (i >= 0) labState.runs[i] = r2;
      set(editing, false);
    } catch (e) {
      set(actionError, e, true);
    }
  }
  const config = /* @__PURE__ */ user_derived(() => get(run) ? flatten(get(run).config) : []);
  const events = /* @__PURE__ */ user_derived(() => get(detail) ? [...get(detail).events].reverse() : []);
  const elapsed = /* @__PURE__ */ user_derived(() => get(run)?.started_at ? ((get(run).ended_at ?? Date.now()) - get(run).started_at) / 1e3 : null);
  var fragment = root$6();
  var node = first_child(fragment);
  {
    var consequent_1 = ($$anchor2) => {
      var fragment_1 = comment();
      var node_1 = first_child(fragment_1);
      {
        var consequent = ($$anchor3) => {
          ErrorBox($$anchor3, {
            get error() {
              return get(error);
            }
          });
        };
        var alternate = ($$anchor3) => {
          var div = root_3$7();
          var text2 = child(div);
          template_effect(() => set_text(text2, `loading run ${$$props.id ?? ""}…`));
          append($$anchor3, div);
        };
        if_block(node_1, ($$render) => {
          if (get(error)) $$render(consequent);
          else $$render(alternate, false);
        });
      }
      append($$anchor2, fragment_1);
    };
    var alternate_3 = ($$anchor2) => {
      var fragment_3 = root_4$7();
      var div_1 = first_child(fragment_3);
      var i_1 = child(div_1);
      let styles;
      var h2 = sibling(i_1, 2);
      var text_1 = child(h2);
      var span = sibling(h2, 2);
      var text_2 = child(span);
      var span_1 = sibling(span, 2);
      var text_3 = child(span_1);
      var node_2 = sibling(span_1, 2);
      each(node_2, 16, () => get(run).tags, (t) => t, ($$anchor3, t) => {
        var span_2 = root_5$6();
        var text_4 = child(span_2);
        template_effect(() => set_text(text_4, t));
        append($$anchor3, span_2);
      });
      var span_3 = sibling(node_2, 2);
      var node_3 = child(span_3);
      {
        let $0 = /* @__PURE__ */ user_derived(() => get(progress)?.step ?? get(run).step);
        let $1 = /* @__PURE__ */ user_derived(() => get(progress)?.totalSteps ?? get(run).total_steps);
        let $2 = /* @__PURE__ */ user_derived(() => get(progress)?.step ?? get(run).step);
        let $3 = /* @__PURE__ */ user_derived(() => get(progress)?.totalSteps ?? get(run).total_steps);
        let $4 = /* @__PURE__ */ user_derived(() => get(progress) && get(run).status === "running" ? ` · ${get(progress).imagesPerSec.toFixed(0)} img/s · ETA ${duration(get(progress).etaSec)}` : "");
        ProgressBar(node_3, {
          get value() {
            return get($0);
          },
          get max() {
            return get($1);
          },
          get label() {
            return `step ${get($2) ?? ""}/${get($3) ?? ""}${get($4) ?? ""}`;
          },
          testid: "run-progress"
        });
      }
      var node_4 = sibling(span_3, 4);
      {
        var consequent_2 = ($$anchor3) => {
          var button = root_6$3();
          button.__click = () => act("pause");
          append($$anchor3, button);
        };
        if_block(node_4, ($$render) => {
          if (get(run).status === "running") $$render(consequent_2);
        });
      }
      var node_5 = sibling(node_4, 2);
      {
        var consequent_3 = ($$anchor3) => {
          var button_1 = root_7$4();
          button_1.__click = () => act("resume");
          append($$anchor3, button_1);
        };
        if_block(node_5, ($$render) => {
          if (get(run).status === "paused") $$render(consequent_3);
        });
      }
      var node_6 = sibling(node_5, 2);
      {
        var consequent_4 = ($$anchor3) => {
          var button_2 = root_8$4();
          button_2.__click = () => act("stop");
          append($$anchor3, button_2);
        };
        if_block(node_6, ($$render) => {
          if (ACTIVE.includes(get(run).status)) $$render(consequent_4);
        });
      }
      var node_7 = sibling(node_6, 2);
      {
        var consequent_5 = ($$anchor3) => {
          var button_3 = root_9$4();
          button_3.__click = () => act("resume");
          append($$anchor3, button_3);
        };
        if_block(node_7, ($$render) => {
          if (RESUMABLE.includes(get(run).status)) $$render(consequent_5);
        });
      }
      var button_4 = sibling(node_7, 2);
      button_4.__click = startEdit;
      var a = sibling(button_4, 2);
      var a_1 = sibling(a, 2);
      var a_2 = sibling(a_1, 2);
      var button_5 = sibling(a_2, 2);
      button_5.__click = () => set(confirmOpen, true);
      var node_8 = sibling(div_1, 2);
      ErrorBox(node_8, {
        get error() {
          return get(actionError);
        },
        ondismiss: () => set(actionError, null)
      });
      var node_9 = sibling(node_8, 2);
      {
        var consequent_6 = ($$anchor3) => {
          var form = root_10$4();
          var label = child(form);
          var input = sibling(child(label));
          var label_1 = sibling(label, 2);
          var input_1 = sibling(child(label_1));
          var label_2 = sibling(label_1, 2);
          var input_2 = sibling(child(label_2));
          var button_6 = sibling(label_2, 2);
          var button_7 = sibling(button_6, 2);
          button_7.__click = () => set(editing, false);
          template_effect(($0) => button_6.disabled = $0, [() => !get(edit).name.trim()]);
          event("submit", form, saveEdit);
          bind_value(input, () => get(edit).name, ($$value) => get(edit).name = $$value);
          bind_value(input_1, () => get(edit).tags, ($$value) => get(edit).tags = $$value);
          bind_value(input_2, () => get(edit).notes, ($$value) => get(edit).notes = $$value);
          append($$anchor3, form);
        };
        var alternate_1 = ($$anchor3) => {
          var fragment_4 = comment();
          var node_10 = first_child(fragment_4);
          {
            var consequent_7 = ($$anchor4) => {
              var div_2 = root_12$3();
              var text_5 = child(div_2);
              template_effect(() => set_text(text_5, get(run).notes));
              append($$anchor4, div_2);
            };
            if_block(
              node_10,
              ($$render) => {
                if (get(run).notes) $$render(consequent_7);
              },
              true
            );
          }
          append($$anchor3, fragment_4);
        };
        if_block(node_9, ($$render) => {
          if (get(editing)) $$render(consequent_6);
          else $$render(alternate_1, false);
        });
      }
      var node_11 = sibling(node_9, 2);
      {
        var consequent_8 = ($$anchor3) => {
          var div_3 = root_13$2();
          var text_6 = sibling(child(div_3));
          template_effect(() => set_text(text_6, ` ${get(run).collapse_warning ?? ""}. The loss can look healthy while the features collapse: watch feature_std and rankme; try the cpu-small preset's anti-collapse terms (regularization.vicreg_weight) or a longer warm-up.`));
          append($$anchor3, div_3);
        };
        if_block(node_11, ($$render) => {
          if (get(run).collapse_warning) $$render(consequent_8);
        });
      }
      var node_12 = sibling(node_11, 2);
      {
        var consequent_9 = ($$anchor3) => {
          var div_4 = root_14$3();
          var text_7 = sibling(child(div_4));
          template_effect(() => set_text(text_7, ` ${get(run).error ?? ""}. Resume it to continue from its last checkpoint.`));
          append($$anchor3, div_4);
        };
        if_block(node_12, ($$render) => {
          if (get(run).error) $$render(consequent_9);
        });
      }
      var div_5 = sibling(node_12, 2);
      var section = child(div_5);
      var node_13 = child(section);
      ChartControls(node_13, {});
      var div_6 = sibling(node_13, 2);
      each(
        div_6,
        21,
        () => get(charts),
        (c) => c.name,
        ($$anchor3, c) => {
          {
            let $0 = /* @__PURE__ */ user_derived(() => UNSMOOTHED.has(get(c).name) ? 0 : chartPrefs.smoothing);
            Chart($$anchor3, {
              get title() {
                return get(c).name;
              },
              get series() {
                return get(c).series;
              },
              get smoothing() {
                return get($0);
              },
              get logY() {
                return chartPrefs.logY;
              },
              get xKind() {
                return chartPrefs.xKind;
              },
              get testid() {
                return `chart-${get(c).name ?? ""}`;
              }
            });
          }
        },
        ($$anchor3) => {
          var div_7 = root_16$1();
          var text_8 = child(div_7);
          template_effect(($0) => set_text(text_8, `no metrics yet${$0 ?? ""}`), [
            () => ACTIVE.includes(get(run).status) ? " — the first points arrive after the worker has started" : ""
          ]);
          append($$anchor3, div_7);
        }
      );
      var aside = sibling(section, 2);
      var div_8 = child(aside);
      var dl = sibling(child(div_8), 2);
      var dd = sibling(child(dl));
      var text_9 = child(dd);
      var dd_1 = sibling(dd, 3);
      var text_10 = child(dd_1);
      var dd_2 = sibling(dd_1, 3);
      var text_11 = child(dd_2);
      var dd_3 = sibling(dd_2, 3);
      var text_12 = child(dd_3);
      var dd_4 = sibling(dd_3, 3);
      var text_13 = child(dd_4);
      var span_4 = sibling(text_13);
      var text_14 = child(span_4);
      var dd_5 = sibling(dd_4, 3);
      var text_15 = child(dd_5);
      var dd_6 = sibling(dd_5, 3);
      var text_16 = child(dd_6);
      var dd_7 = sibling(dd_6, 3);
      var text_17 = child(dd_7);
      var dd_8 = sibling(dd_7, 3);
      var text_18 = child(dd_8);
      var node_14 = sibling(dd_8, 2);
      {
        var consequent_10 = ($$anchor3) => {
          var fragment_6 = root_17$2();
          var dd_9 = sibling(first_child(fragment_6));
          var a_3 = child(dd_9);
          var text_19 = child(a_3);
          template_effect(() => {
            set_attribute(a_3, "href", `#/run/${get(run).parent_id ?? ""}`);
            set_text(text_19, `#${get(run).parent_id ?? ""}`);
          });
          append($$anchor3, fragment_6);
        };
        if_block(node_14, ($$render) => {
          if (get(run).parent_id) $$render(consequent_10);
        });
      }
      var div_9 = sibling(div_8, 2);
      var h3 = child(div_9);
      var span_5 = sibling(child(h3));
      var text_20 = child(span_5);
      var node_15 = sibling(h3, 2);
      {
        var consequent_11 = ($$anchor3) => {
          var table = root_18$2();
          var tbody = child(table);
          each(tbody, 21, () => [...get(detail).checkpoints].reverse(), (c) => c.step, ($$anchor4, c) => {
            var tr = root_19$2();
            var td = child(tr);
            var text_21 = child(td);
            var td_1 = sibling(td);
            var text_22 = child(td_1);
            var td_2 = sibling(td_1);
            var text_23 = child(td_2);
            template_effect(
              ($0, $1) => {
                set_text(text_21, `step ${get(c).step ?? ""}`);
                set_text(text_22, $0);
                set_text(text_23, $1);
              },
              [
                () => bytes(get(c).bytes),
                () => timeOfDay(get(c).created_at)
              ]
            );
            append($$anchor4, tr);
          });
          append($$anchor3, table);
        };
        var alternate_2 = ($$anchor3) => {
          var div_10 = root_20$2();
          var text_24 = child(div_10);
          template_effect(() => set_text(text_24, `none yet (every ${get(run).config.logging.checkpoint_every ?? ""} steps and at the end)`));
          append($$anchor3, div_10);
        };
        if_block(node_15, ($$render) => {
          if (get(detail)?.checkpoints.length) $$render(consequent_11);
          else $$render(alternate_2, false);
        });
      }
      var div_11 = sibling(div_9, 2);
      var div_12 = sibling(child(div_11), 2);
      each(
        div_12,
        21,
        () => get(events),
        (ev) => ev.id,
        ($$anchor3, ev) => {
          var div_13 = root_21();
          var span_6 = child(div_13);
          var text_25 = child(span_6);
          var text_26 = sibling(span_6);
          template_effect(
            ($0) => {
              set_class(div_13, 1, `ev ${get(ev).level ?? ""}`, "svelte-1rbdul2");
              set_text(text_25, $0);
              set_text(text_26, ` ${get(ev).message ?? ""}`);
            },
            [() => timeOfDay(get(ev).time)]
          );
          append($$anchor3, div_13);
        },
        ($$anchor3) => {
          var div_14 = root_22$2();
          append($$anchor3, div_14);
        }
      );
      var details = sibling(div_11, 2);
      var table_1 = sibling(child(details), 2);
      var tbody_1 = child(table_1);
      each(tbody_1, 21, () => get(config), ([k, v]) => k, ($$anchor3, $$item) => {
        var $$array = /* @__PURE__ */ user_derived(() => to_array(get($$item), 2));
        let k = () => get($$array)[0];
        let v = () => get($$array)[1];
        var tr_1 = root_23$1();
        var td_3 = child(tr_1);
        var text_27 = child(td_3);
        var td_4 = sibling(td_3);
        var text_28 = child(td_4);
        template_effect(
          ($0) => {
            set_text(text_27, k());
            set_text(text_28, $0);
          },
          [() => JSON.stringify(v())]
        );
        append($$anchor3, tr_1);
      });
      template_effect(
        ($0, $1, $2, $3, $4, $5) => {
          styles = set_style(i_1, "", styles, $0);
          set_text(text_1, get(run).name);
          set_text(text_2, `#${get(run).id ?? ""}`);
          set_class(span_1, 1, `status ${get(run).status ?? ""}`, "svelte-1rbdul2");
          set_text(text_3, get(run).status);
          set_attribute(a, "href", `#/compare?ids=${$$props.id ?? ""}`);
          set_attribute(a_1, "href", `#/neighbours?run=${$$props.id ?? ""}`);
          set_attribute(a_2, "href", `#/masks?run=${$$props.id ?? ""}`);
          set_text(text_9, get(run).backend ?? "—");
          set_text(text_10, get(detail)?.dataset?.name ?? get(run).config.data.dataset);
          set_text(text_11, get(run).preset);
          set_text(text_12, get(run).seed);
          set_text(text_13, `${$1 ?? ""} `);
          set_text(text_14, `(best ${$2 ?? ""})`);
          set_text(text_15, $3);
          set_text(text_16, $4);
          set_text(text_17, $5);
          set_text(text_18, get(run).host);
          set_text(text_20, get(detail)?.checkpoints.length ?? 0);
        },
        [
          () => ({ background: runColor($$props.id) }),
          () => num(get(run).last_loss),
          () => num(get(run).best_loss),
          () => pct(get(run).knn_acc),
          () => dateTime(get(run).started_at),
          () => duration(get(elapsed))
        ]
      );
      append($$anchor2, fragment_3);
    };
    if_block(node, ($$render) => {
      if (!get(run)) $$render(consequent_1);
      else $$render(alternate_3, false);
    });
  }
  var node_16 = sibling(node, 2);
  ConfirmDialog(node_16, {
    get title() {
      return `Delete run ${$$props.id ?? ""}?`;
    },
    message: "Its metrics, events and checkpoints are deleted for good.",
    onconfirm: doDelete,
    get open() {
      return get(confirmOpen);
    },
    set open($$value) {
      set(confirmOpen, $$value, true);
    }
  });
  append($$anchor, fragment);
  pop();
}
delegate(["click"]);
var root_1$6 = /* @__PURE__ */ from_html(`<label class="item svelte-j9ycfk" data-testid="compare-pick"><input type="checkbox"/> <i class="swatch"></i> <span class="nm svelte-j9ycfk"> </span> <span> </span></label>`);
var root_2$6 = /* @__PURE__ */ from_html(`<div class="muted small">no runs</div>`);
var root_3$6 = /* @__PURE__ */ from_html(`<span class="muted small" data-testid="compare-loading"> </span>`);
var root_4$6 = /* @__PURE__ */ from_html(`<div class="panel muted">Pick runs on the left to overlay their curves.</div>`);
var root_8$3 = /* @__PURE__ */ from_html(`<div class="muted small" data-testid="config-diff-empty">the configs are identical</div>`);
var root_10$3 = /* @__PURE__ */ from_html(`<th><i class="swatch"></i> </th>`);
var root_12$2 = /* @__PURE__ */ from_html(`<td class="tabnums"> </td>`);
var root_11$1 = /* @__PURE__ */ from_html(`<tr data-testid="diff-row"><td> </td><!></tr>`);
var root_9$3 = /* @__PURE__ */ from_html(`<table data-testid="config-diff"><thead><tr><th>key</th><!></tr></thead><tbody></tbody></table>`);
var root_14$2 = /* @__PURE__ */ from_html(`<tr><td class="svelte-j9ycfk"> </td><td class="svelte-j9ycfk"><i class="swatch"></i> </td><td class="num svelte-j9ycfk"> </td><td class="num svelte-j9ycfk"> </td><td class="num svelte-j9ycfk"> </td><td class="num muted svelte-j9ycfk"> </td><td class="num muted svelte-j9ycfk"> </td></tr>`);
var root_7$3 = /* @__PURE__ */ from_html(`<div class="panel"><h3>Config differences</h3> <!></div> <div class="panel"><h3>Metrics</h3> <table data-testid="metric-summary"><thead><tr><th>metric</th><th>run</th><th class="num">min</th><th class="num">max</th><th class="num">last</th><th class="num">at step</th><th class="num">points</th></tr></thead><tbody></tbody></table></div>`, 1);
var root_5$5 = /* @__PURE__ */ from_html(`<!> <div class="grid svelte-j9ycfk" data-testid="compare-charts"></div> <!>`, 1);
var root$5 = /* @__PURE__ */ from_html(`<div class="layout svelte-j9ycfk"><aside class="panel picker svelte-j9ycfk"><h3>Runs</h3> <input type="search" placeholder="filter" data-testid="compare-filter"/> <div class="list svelte-j9ycfk"></div></aside> <section class="main svelte-j9ycfk"><div class="row top"><h2>Compare</h2> <span class="muted"> </span> <!> <span class="grow"></span> <button type="button" data-testid="export-csv"> </button></div> <!> <!></section></div>`);
function Compare($$anchor, $$props) {
  push($$props, true);
  const parseIds = (s) => (s ?? "").split(",").filter((x) => /^\d+$/.test(x)).map(Number);
  let ids = /* @__PURE__ */ state(proxy(parseIds(router.route.params.get("ids"))));
  let filter = /* @__PURE__ */ state("");
  let data = /* @__PURE__ */ state({});
  let summary = /* @__PURE__ */ state(null);
  let error = /* @__PURE__ */ state(null);
  let loadingIds = /* @__PURE__ */ state(proxy([]));
  let exporting = /* @__PURE__ */ state(false);
  let summaryTimer = null;
  let lastKey = null;
  const picked = /* @__PURE__ */ user_derived(() => get(ids).filter((i) => labState.run(i)));
  const candidates = /* @__PURE__ */ user_derived(() => labState.runs.filter((r2) => {
    const q = get(filter).trim().toLowerCase();
    return !q || `${r2.id} ${r2.name} ${r2.status} ${r2.preset} ${r2.tags.join(" ")}`.toLowerCase().includes(q);
  }));
  function toggle(id) {
    set(
      ids,
      get(ids).includes(id) ? get(ids).filter((i) => i !== id) : [...get(ids), id],
      true
    );
    router.setParams({ ids: get(ids).join(",") });
  }
  async function load2(id, full) {
    const old = get(data)[id];
    const after = full || !old ? void 0 : maxStep(old);
    if (full || !old) set(loadingIds, [...get(loadingIds), id], true);
    try {
      const inc = await lab.metrics({
        id,
        afterStep: after !== void 0 && after >= 0 ? after : void 0
      });
      if (!get(ids).includes(id)) return;
      set(data, {
        ...get(data),
        [id]: after === void 0 || !get(data)[id] ? inc : mergeMetrics(get(data)[id], inc)
      });
    } catch (e) {
      set(error, e, true);
    } finally {
      set(loadingIds, get(loadingIds).filter((i) => i !== id), true);
    }
  }
  async function loadSummary() {
    if (!get(picked).length) {
      set(summary, null);
      return;
    }
    try {
      set(summary, await lab.compare({ ids: get(picked) }), true);
    } catch (e) {
      set(error, e, true);
    }
  }
  user_effect(() => {
    const want = get(picked);
    const key2 = want.join(",");
    if (key2 === lastKey) return;
    lastKey = key2;
    untrack(() => {
      const drop = Object.keys(get(data)).map(Number).filter((i) => !want.includes(i));
      if (drop.length) set(data, Object.fromEntries(Object.entries(get(data)).filter(([k]) => want.includes(Number(k)))));
      for (const i of want) if (!get(data)[i] && !get(loadingIds).includes(i)) load2(i, true);
      loadSummary();
    });
  });
  const off2 = onLabEvent((e) => {
    if (e.type === "metrics" && get(ids).includes(e.runId)) {
      load2(e.runId, false);
      summaryTimer ??= setTimeout(
        () => {
          summaryTimer = null;
          loadSummary();
        },
        3e3
      );
    }
  });
  onDestroy(() => {
    off2();
    if (summaryTimer) clearTimeout(summaryTimer);
  });
  const names = /* @__PURE__ */ user_derived(() => orderMetrics(get(picked).flatMap((i) => Object.keys(get(data)[i] ?? {}))));
  const charts = /* @__PURE__ */ user_derived(() => get(names).map((name) => ({
    name,
    series: get(picked).filter((i) => get(data)[i]?.[name]).map((i) => {
      const r2 = labState.run(i);
      const s = get(data)[i][name];
      return {
        key: String(i),
        label: `${i} ${r2.name}`,
        color: runColor(i),
        faint: runColor(i, 0.25),
        x: xOf(s, chartPrefs.xKind, r2.started_at ?? firstTime(get(data)[i])),
        y: s.value
      };
    })
  })));
  async function exportCsv() {
    set(exporting, true);
    set(error, null);
    try {
      const { csv, filename } = await lab.exportCsv({ ids: get(picked) });
      const url = URL.createObjectURL(new Blob([csv], { type: "text/csv" }));
      const a = document.createElement("a");
      a.href = url;
      a.download = filename;
      document.body.appendChild(a);
      a.click();
      a.remove();
      setTimeout(() => URL.revokeObjectURL(url), 1e4);
    } catch (e) {
      set(error, e, true);
    } finally {
      set(exporting, false);
    }
  }
  const fmt = (v) => typeof v === "number" ? num(v, 5) : v === null || v === void 0 ? "—" : JSON.stringify(v);
  var div = root$5();
  var aside = child(div);
  var input = sibling(child(aside), 2);
  var div_1 = sibling(input, 2);
  each(
    div_1,
    21,
    () => get(candidates),
    (r2) => r2.id,
    ($$anchor2, r2) => {
      var label = root_1$6();
      var input_1 = child(label);
      input_1.__change = () => toggle(get(r2).id);
      var i_1 = sibling(input_1, 2);
      let styles;
      var span = sibling(i_1, 2);
      var text2 = child(span);
      var span_1 = sibling(span, 2);
      var text_1 = child(span_1);
      template_effect(
        ($0, $1) => {
          set_attribute(label, "data-run-id", get(r2).id);
          set_checked(input_1, $0);
          styles = set_style(i_1, "", styles, $1);
          set_text(text2, `${get(r2).id ?? ""} ${get(r2).name ?? ""}`);
          set_class(span_1, 1, `status ${get(r2).status ?? ""}`, "svelte-j9ycfk");
          set_text(text_1, get(r2).status);
        },
        [
          () => get(ids).includes(get(r2).id),
          () => ({ background: runColor(get(r2).id) })
        ]
      );
      append($$anchor2, label);
    },
    ($$anchor2) => {
      var div_2 = root_2$6();
      append($$anchor2, div_2);
    }
  );
  var section = sibling(aside, 2);
  var div_3 = child(section);
  var span_2 = sibling(child(div_3), 2);
  var text_2 = child(span_2);
  var node = sibling(span_2, 2);
  {
    var consequent = ($$anchor2) => {
      var span_3 = root_3$6();
      var text_3 = child(span_3);
      template_effect(() => set_text(text_3, `loading metrics of ${get(loadingIds).length ?? ""} run(s)…`));
      append($$anchor2, span_3);
    };
    if_block(node, ($$render) => {
      if (get(loadingIds).length) $$render(consequent);
    });
  }
  var button = sibling(node, 4);
  button.__click = exportCsv;
  var text_4 = child(button);
  var node_1 = sibling(div_3, 2);
  ErrorBox(node_1, {
    get error() {
      return get(error);
    },
    ondismiss: () => set(error, null)
  });
  var node_2 = sibling(node_1, 2);
  {
    var consequent_1 = ($$anchor2) => {
      var div_4 = root_4$6();
      append($$anchor2, div_4);
    };
    var alternate_1 = ($$anchor2) => {
      var fragment = root_5$5();
      var node_3 = first_child(fragment);
      ChartControls(node_3, {});
      var div_5 = sibling(node_3, 2);
      each(div_5, 21, () => get(charts), (c) => c.name, ($$anchor3, c) => {
        {
          let $0 = /* @__PURE__ */ user_derived(() => UNSMOOTHED.has(get(c).name) ? 0 : chartPrefs.smoothing);
          Chart($$anchor3, {
            get title() {
              return get(c).name;
            },
            get series() {
              return get(c).series;
            },
            get smoothing() {
              return get($0);
            },
            get logY() {
              return chartPrefs.logY;
            },
            get xKind() {
              return chartPrefs.xKind;
            },
            get testid() {
              return `chart-${get(c).name ?? ""}`;
            }
          });
        }
      });
      var node_4 = sibling(div_5, 2);
      {
        var consequent_3 = ($$anchor3) => {
          var fragment_2 = root_7$3();
          var div_6 = first_child(fragment_2);
          var node_5 = sibling(child(div_6), 2);
          {
            var consequent_2 = ($$anchor4) => {
              var div_7 = root_8$3();
              append($$anchor4, div_7);
            };
            var alternate = ($$anchor4) => {
              var table = root_9$3();
              var thead = child(table);
              var tr = child(thead);
              var node_6 = sibling(child(tr));
              each(node_6, 16, () => get(summary).ids, (i) => i, ($$anchor5, i) => {
                var th = root_10$3();
                var i_2 = child(th);
                let styles_1;
                var text_5 = sibling(i_2);
                template_effect(
                  ($0) => {
                    styles_1 = set_style(i_2, "", styles_1, $0);
                    set_text(text_5, ` ${i ?? ""}`);
                  },
                  [() => ({ background: runColor(i) })]
                );
                append($$anchor5, th);
              });
              var tbody = sibling(thead);
              each(tbody, 21, () => get(summary).diff, (d) => d.key, ($$anchor5, d) => {
                var tr_1 = root_11$1();
                var td = child(tr_1);
                var text_6 = child(td);
                var node_7 = sibling(td);
                each(node_7, 17, () => get(d).values, index, ($$anchor6, v) => {
                  var td_1 = root_12$2();
                  var text_7 = child(td_1);
                  template_effect(($0) => set_text(text_7, $0), [() => fmt(get(v))]);
                  append($$anchor6, td_1);
                });
                template_effect(() => {
                  set_attribute(tr_1, "data-key", get(d).key);
                  set_text(text_6, get(d).key);
                });
                append($$anchor5, tr_1);
              });
              append($$anchor4, table);
            };
            if_block(node_5, ($$render) => {
              if (get(summary).diff.length === 0) $$render(consequent_2);
              else $$render(alternate, false);
            });
          }
          var div_8 = sibling(div_6, 2);
          var table_1 = sibling(child(div_8), 2);
          var tbody_1 = sibling(child(table_1));
          each(tbody_1, 20, () => get(summary).metrics, (m) => m, ($$anchor4, m) => {
            var fragment_3 = comment();
            var node_8 = first_child(fragment_3);
            each(node_8, 18, () => get(summary).ids, (i) => i, ($$anchor5, i, k) => {
              const st = /* @__PURE__ */ user_derived(() => get(summary).stats[i]?.[m]);
              var tr_2 = root_14$2();
              let classes;
              var td_2 = child(tr_2);
              var text_8 = child(td_2);
              var td_3 = sibling(td_2);
              var i_3 = child(td_3);
              let styles_2;
              var text_9 = sibling(i_3);
              var td_4 = sibling(td_3);
              var text_10 = child(td_4);
              var td_5 = sibling(td_4);
              var text_11 = child(td_5);
              var td_6 = sibling(td_5);
              var text_12 = child(td_6);
              var td_7 = sibling(td_6);
              var text_13 = child(td_7);
              var td_8 = sibling(td_7);
              var text_14 = child(td_8);
              template_effect(
                ($0, $1, $2, $3) => {
                  classes = set_class(tr_2, 1, "svelte-j9ycfk", null, classes, { first: get(k) === 0 });
                  set_text(text_8, get(k) === 0 ? m : "");
                  styles_2 = set_style(i_3, "", styles_2, $0);
                  set_text(text_9, ` ${i ?? ""}`);
                  set_text(text_10, $1);
                  set_text(text_11, $2);
                  set_text(text_12, $3);
                  set_text(text_13, get(st)?.last_step ?? "—");
                  set_text(text_14, get(st)?.points ?? 0);
                },
                [
                  () => ({ background: runColor(i) }),
                  () => fmt(get(st)?.min),
                  () => fmt(get(st)?.max),
                  () => fmt(get(st)?.last)
                ]
              );
              append($$anchor5, tr_2);
            });
            append($$anchor4, fragment_3);
          });
          append($$anchor3, fragment_2);
        };
        if_block(node_4, ($$render) => {
          if (get(summary)) $$render(consequent_3);
        });
      }
      append($$anchor2, fragment);
    };
    if_block(node_2, ($$render) => {
      if (!get(picked).length) $$render(consequent_1);
      else $$render(alternate_1, false);
    });
  }
  template_effect(() => {
    set_text(text_2, `${get(picked).length ?? ""} run${get(picked).length === 1 ? "" : "s"}`);
    button.disabled = !get(picked).length || get(exporting);
    set_text(text_4, get(exporting) ? "Exporting…" : "Export CSV");
  });
  bind_value(input, () => get(filter), ($$value) => set(filter, $$value));
  append($$anchor, div);
  pop();
}
delegate(["change", "click"]);
var root_2$5 = /* @__PURE__ */ from_html(`<span class="cap svelte-1w4s0ic"> </span>`);
var root_1$5 = /* @__PURE__ */ from_html(`<button type="button"><img loading="lazy" draggable="false" class="svelte-1w4s0ic"/> <!></button>`);
var root_4$5 = /* @__PURE__ */ from_html(`<figcaption class="cap svelte-1w4s0ic"> </figcaption>`);
var root_3$5 = /* @__PURE__ */ from_html(`<figure class="thumb svelte-1w4s0ic"><img loading="lazy" class="svelte-1w4s0ic"/> <!></figure>`);
function Thumb($$anchor, $$props) {
  push($$props, true);
  let size = prop($$props, "size", 3, 56), caption = prop($$props, "caption", 3, void 0), selected = prop($$props, "selected", 3, false), onclick = prop($$props, "onclick", 3, void 0), testid = prop($$props, "testid", 3, "thumb");
  const scale = /* @__PURE__ */ user_derived(() => Math.max(1, Math.min(8, Math.ceil(size() / 28))));
  var fragment = comment();
  var node = first_child(fragment);
  {
    var consequent_1 = ($$anchor2) => {
      var button = root_1$5();
      let classes;
      button.__click = function(...$$args) {
        onclick()?.apply(this, $$args);
      };
      var img = child(button);
      var node_1 = sibling(img, 2);
      {
        var consequent = ($$anchor3) => {
          var span = root_2$5();
          var text2 = child(span);
          template_effect(() => set_text(text2, caption()));
          append($$anchor3, span);
        };
        if_block(node_1, ($$render) => {
          if (caption() !== void 0) $$render(consequent);
        });
      }
      template_effect(
        ($0) => {
          classes = set_class(button, 1, "thumb svelte-1w4s0ic", null, classes, { selected: selected() });
          set_attribute(button, "data-testid", testid());
          set_attribute(button, "data-index", $$props.index);
          set_attribute(button, "title", `image ${$$props.index ?? ""}${caption() ? ` · ${caption()}` : ""}`);
          set_attribute(img, "src", $0);
          set_attribute(img, "alt", `image ${$$props.index ?? ""}`);
          set_attribute(img, "width", size());
          set_attribute(img, "height", size());
        },
        [() => thumbUrl($$props.dataset, $$props.index, get(scale))]
      );
      append($$anchor2, button);
    };
    var alternate = ($$anchor2) => {
      var figure = root_3$5();
      var img_1 = child(figure);
      var node_2 = sibling(img_1, 2);
      {
        var consequent_2 = ($$anchor3) => {
          var figcaption = root_4$5();
          var text_1 = child(figcaption);
          template_effect(() => set_text(text_1, caption()));
          append($$anchor3, figcaption);
        };
        if_block(node_2, ($$render) => {
          if (caption() !== void 0) $$render(consequent_2);
        });
      }
      template_effect(
        ($0) => {
          set_attribute(figure, "data-testid", testid());
          set_attribute(figure, "data-index", $$props.index);
          set_attribute(img_1, "src", $0);
          set_attribute(img_1, "alt", `image ${$$props.index ?? ""}`);
          set_attribute(img_1, "width", size());
          set_attribute(img_1, "height", size());
        },
        [() => thumbUrl($$props.dataset, $$props.index, get(scale))]
      );
      append($$anchor2, figure);
    };
    if_block(node, ($$render) => {
      if (onclick()) $$render(consequent_1);
      else $$render(alternate, false);
    });
  }
  append($$anchor, fragment);
  pop();
}
delegate(["click"]);
var root_1$4 = /* @__PURE__ */ from_html(`<span class="grow"><!></span>`);
var root_2$4 = /* @__PURE__ */ from_html(`<span class="field-error"> </span>`);
var root_3$4 = /* @__PURE__ */ from_html(`<div class="tip svelte-l6wxwx" data-testid="map-tooltip"><img alt="" width="72" height="72" class="svelte-l6wxwx"/> <div> </div></div>`);
var root_5$4 = /* @__PURE__ */ from_html(`<span><i class="swatch"></i> </span>`);
var root_4$4 = /* @__PURE__ */ from_html(`<div class="legend svelte-l6wxwx"></div>`);
var root$4 = /* @__PURE__ */ from_html(`<div class="map"><div class="row bar svelte-l6wxwx"><div class="seg svelte-l6wxwx"><button type="button" data-testid="map-pca">PCA</button> <button type="button" data-testid="map-umap">UMAP</button></div> <span class="muted small"> </span> <!> <!></div> <div class="canvas-wrap svelte-l6wxwx" data-testid="embedding-map"><canvas class="cv svelte-l6wxwx"></canvas> <!></div> <!></div>`);
function EmbeddingMap($$anchor, $$props) {
  push($$props, true);
  let selected = prop($$props, "selected", 3, null);
  let mode = /* @__PURE__ */ state("pca");
  let umapXY = /* @__PURE__ */ state(null);
  let umapProgress = /* @__PURE__ */ state(null);
  let umapError = /* @__PURE__ */ state(null);
  let canvas;
  let box = proxy({ w: 0, h: 0 });
  let hover = /* @__PURE__ */ state(null);
  let worker = null;
  const H = 380;
  const xy = /* @__PURE__ */ user_derived(() => get(mode) === "umap" && get(umapXY) ? get(umapXY) : Float32Array.from($$props.map.pca));
  const n = /* @__PURE__ */ user_derived(() => $$props.map.indices.length);
  let screen = new Float32Array(0);
  function project() {
    const w = box.w;
    let x0 = Infinity, x1 = -Infinity, y0 = Infinity, y1 = -Infinity;
    for (let i = 0; i < get(n); i++) {
      x0 = Math.min(x0, get(xy)[2 * i]);
      x1 = Math.max(x1, get(xy)[2 * i]);
      y0 = Math.min(y0, get(xy)[2 * i + 1]);
      y1 = Math.max(y1, get(xy)[2 * i + 1]);
    }
    const pad = 12;
    const sx = (w - 2 * pad) / (x1 - x0 || 1);
    const sy = (H - 2 * pad) / (y1 - y0 || 1);
    screen = new Float32Array(get(n) * 2);
    for (let i = 0; i < get(n); i++) {
      screen[2 * i] = pad + (get(xy)[2 * i] - x0) * sx;
      screen[2 * i + 1] = H - pad - (get(xy)[2 * i + 1] - y0) * sy;
    }
  }
  function draw() {
    if (!canvas || box.w <= 0) return;
    project();
    const dpr = window.devicePixelRatio || 1;
    canvas.width = Math.round(box.w * dpr);
    canvas.height = Math.round(H * dpr);
    const g = canvas.getContext("2d");
    g.setTransform(dpr, 0, 0, dpr, 0, 0);
    g.clearRect(0, 0, box.w, H);
    g.globalAlpha = 0.75;
    for (let i = 0; i < get(n); i++) {
      g.fillStyle = classColor($$props.map.labels ? $$props.map.labels[i] : null);
      g.beginPath();
      g.arc(screen[2 * i], screen[2 * i + 1], 2.4, 0, Math.PI * 2);
      g.fill();
    }
    g.globalAlpha = 1;
    const mark = (i, color) => {
      g.strokeStyle = color;
      g.lineWidth = 2;
      g.beginPath();
      g.arc(screen[2 * i], screen[2 * i + 1], 6, 0, Math.PI * 2);
      g.stroke();
    };
    if (selected() !== null) {
      const k = $$props.map.indices.indexOf(selected());
      if (k >= 0) mark(k, "#111");
    }
    if (get(hover)) mark(get(hover).i, "#2f6fde");
  }
  user_effect(() => {
    void [get(xy), box.w, selected(), get(hover)];
    draw();
  });
  function nearest(ev) {
    const r2 = canvas.getBoundingClientRect();
    const mx = ev.clientX - r2.left;
    const my = ev.clientY - r2.top;
    let best = -1;
    let bd = 64;
    for (let i = 0; i < get(n); i++) {
      const dx = screen[2 * i] - mx;
      const dy = screen[2 * i + 1] - my;
      const d = dx * dx + dy * dy;
      if (d < bd) {
        bd = d;
        best = i;
      }
    }
    return best >= 0 ? best : null;
  }
  function onmove(ev) {
    const i = nearest(ev);
    set(hover, i === null ? null : { i, x: screen[2 * i], y: screen[2 * i + 1] }, true);
  }
  function runUmap() {
    set(mode, "umap");
    if (get(umapXY) || worker) return;
    if (!$$props.map.vectors) {
      set(umapError, "the map came without vectors; reload it");
      return;
    }
    set(umapError, null);
    set(umapProgress, { done: 0, total: 1, phase: "starting" }, true);
    worker = new Worker(new URL(
      /* @vite-ignore */
      "" + new URL("umap.worker-h5eCWf46.js", import.meta.url).href,
      import.meta.url
    ), { type: "module" });
    worker.onmessage = (e) => {
      const m = e.data;
      if (m.type === "progress") set(umapProgress, { done: m.done, total: m.total, phase: m.phase }, true);
      else {
        if (m.type === "done") set(umapXY, m.xy);
        else set(umapError, `UMAP failed: ${m.message}`);
        set(umapProgress, null);
        worker?.terminate();
        worker = null;
      }
    };
    worker.onerror = (e) => {
      set(umapError, `UMAP failed: ${e.message}`);
      set(umapProgress, null);
      worker = null;
    };
    const vectors = Float32Array.from($$props.map.vectors);
    worker.postMessage({ vectors, n: get(n), d: $$props.map.dim, seed: 0 }, [vectors.buffer]);
  }
  onDestroy(() => worker?.terminate());
  const label = (i) => {
    const l = $$props.map.labels ? $$props.map.labels[i] : null;
    return l === null ? "" : $$props.map.classes?.[l] ?? String(l);
  };
  var div = root$4();
  var div_1 = child(div);
  var div_2 = child(div_1);
  var button = child(div_2);
  button.__click = () => set(mode, "pca");
  let classes;
  var button_1 = sibling(button, 2);
  button_1.__click = runUmap;
  let classes_1;
  var span = sibling(div_2, 2);
  var text2 = child(span);
  var node = sibling(span, 2);
  {
    var consequent = ($$anchor2) => {
      var span_1 = root_1$4();
      var node_1 = child(span_1);
      ProgressBar(node_1, {
        get value() {
          return get(umapProgress).done;
        },
        get max() {
          return get(umapProgress).total;
        },
        get label() {
          return `UMAP: ${get(umapProgress).phase ?? ""}`;
        },
        testid: "umap-progress"
      });
      append($$anchor2, span_1);
    };
    if_block(node, ($$render) => {
      if (get(umapProgress)) $$render(consequent);
    });
  }
  var node_2 = sibling(node, 2);
  {
    var consequent_1 = ($$anchor2) => {
      var span_2 = root_2$4();
      var text_1 = child(span_2);
      template_effect(() => set_text(text_1, get(umapError)));
      append($$anchor2, span_2);
    };
    if_block(node_2, ($$render) => {
      if (get(umapError)) $$render(consequent_1);
    });
  }
  var div_3 = sibling(div_1, 2);
  var canvas_1 = child(div_3);
  canvas_1.__mousemove = onmove;
  canvas_1.__click = (ev) => {
    const i = nearest(ev);
    if (i !== null) $$props.onpick($$props.map.indices[i]);
  };
  bind_this(canvas_1, ($$value) => canvas = $$value, () => canvas);
  var node_3 = sibling(canvas_1, 2);
  {
    var consequent_2 = ($$anchor2) => {
      var div_4 = root_3$4();
      let styles;
      var img = child(div_4);
      var div_5 = sibling(img, 2);
      var text_2 = child(div_5);
      template_effect(
        ($0, $1, $2) => {
          styles = set_style(div_4, "", styles, $0);
          set_attribute(img, "src", $1);
          set_text(text_2, `#${$$props.map.indices[get(hover).i] ?? ""} ${$2 ?? ""}`);
        },
        [
          () => ({
            left: `${Math.min(get(hover).x + 12, box.w - 96)}px`,
            top: `${Math.max(0, get(hover).y - 90)}px`
          }),
          () => thumbUrl($$props.map.dataset, $$props.map.indices[get(hover).i], 3),
          () => label(get(hover).i)
        ]
      );
      append($$anchor2, div_4);
    };
    if_block(node_3, ($$render) => {
      if (get(hover)) $$render(consequent_2);
    });
  }
  var node_4 = sibling(div_3, 2);
  {
    var consequent_3 = ($$anchor2) => {
      var div_6 = root_4$4();
      each(div_6, 20, () => [...new Set($$props.map.labels ?? [])].sort((a, b) => a - b), (l) => l, ($$anchor3, l) => {
        var span_3 = root_5$4();
        var i_1 = child(span_3);
        let styles_1;
        var text_3 = sibling(i_1);
        template_effect(
          ($0) => {
            styles_1 = set_style(i_1, "", styles_1, $0);
            set_text(text_3, ` ${$$props.map.classes?.[l] ?? l ?? ""}`);
          },
          [() => ({ background: classColor(l) })]
        );
        append($$anchor3, span_3);
      });
      append($$anchor2, div_6);
    };
    if_block(node_4, ($$render) => {
      if ($$props.map.classes || $$props.map.labels) $$render(consequent_3);
    });
  }
  template_effect(() => {
    classes = set_class(button, 1, "svelte-l6wxwx", null, classes, { on: get(mode) === "pca" });
    classes_1 = set_class(button_1, 1, "svelte-l6wxwx", null, classes_1, { on: get(mode) === "umap" });
    set_text(text2, `${get(n) ?? ""} images · ${$$props.map.dim ?? ""}-d · checkpoint ${$$props.map.checkpoint_step < 0 ? "random init" : `step ${$$props.map.checkpoint_step}`}`);
    set_attribute(div_3, "data-mode", get(mode));
    set_attribute(div_3, "data-ready", get(mode) === "pca" || !!get(umapXY));
  });
  event("mouseleave", canvas_1, () => set(hover, null));
  bind_element_size(div_3, "clientWidth", ($$value) => box.w = $$value);
  append($$anchor, div);
  pop();
}
delegate(["click", "mousemove"]);
var root_1$3 = /* @__PURE__ */ from_html(`<option> </option>`);
var root_2$3 = /* @__PURE__ */ from_html(`<option> </option>`);
var root_3$3 = /* @__PURE__ */ from_html(`<option> </option>`);
var root_5$3 = /* @__PURE__ */ from_html(`<option> </option>`);
var root_4$3 = /* @__PURE__ */ from_html(`<select data-testid="nn-other-checkpoint"><!><option>random init</option></select>`);
var root_6$2 = /* @__PURE__ */ from_html(`<div class="field-error"> </div>`);
var root_8$2 = /* @__PURE__ */ from_html(`<div class="panel muted">No run picked. Train one on the Runs screen; neighbours use its checkpoints.</div>`);
var root_10$2 = /* @__PURE__ */ from_html(`<div class="cands svelte-g5espj" data-testid="nn-candidates"></div>`);
var root_12$1 = /* @__PURE__ */ from_html(`<span class="muted small" data-testid="nn-searching">searching…</span>`);
var root_13$1 = /* @__PURE__ */ from_html(`<span class="overlap svelte-g5espj" data-testid="nn-overlap"> <b> </b></span>`);
var root_17$1 = /* @__PURE__ */ from_html(`<figure class="qf svelte-g5espj"><img alt="query file" width="56" height="56" class="svelte-g5espj"/><figcaption class="small muted"> </figcaption></figure>`);
var root_14$1 = /* @__PURE__ */ from_html(`<div class="row q svelte-g5espj"><span class="muted small">query</span> <!></div>`);
var root_20$1 = /* @__PURE__ */ from_html(`<li data-testid="neighbor"><span class="rank muted svelte-g5espj"> </span> <!> <span class="meta svelte-g5espj"><b class="tabnums"> </b><span class="muted"> </span><span class="muted small"> </span></span></li>`);
var root_19$1 = /* @__PURE__ */ from_html(`<div class="side" data-testid="nn-side"><div class="small"><i class="swatch"></i> </div> <ol class="list svelte-g5espj" data-testid="nn-results"></ol></div>`);
var root_18$1 = /* @__PURE__ */ from_html(`<div></div>`);
var root_22$1 = /* @__PURE__ */ from_html(`<div class="muted small">pick a query image</div>`);
var root_9$2 = /* @__PURE__ */ from_html(`<div class="layout svelte-g5espj"><section class="panel pick svelte-g5espj"><h3>Query</h3> <div role="button" tabindex="0" data-testid="nn-drop">drop an image file here, or click to choose one</div> <input type="file" accept="image/*" hidden="" data-testid="nn-file"/> <div class="row small muted"> <span class="grow"></span> <button type="button" class="small">‹</button> <button type="button" class="small">›</button></div> <!></section> <section class="panel results"><div class="row"><h3>Results</h3> <!> <!></div> <!> <!></section></div> <section class="panel mapp svelte-g5espj"><div class="row"><h3>Embedding map</h3> <button type="button" data-testid="map-load"> </button> <span class="muted small">PCA is computed by the lab; UMAP runs in a background worker in this page. Hover a point to see its image; click it to search its neighbours.</span></div> <!> <!></section>`, 1);
var root$3 = /* @__PURE__ */ from_html(`<div class="row bar svelte-g5espj"><h2>Neighbours</h2> <label class="svelte-g5espj">run <select data-testid="nn-run"><option>—</option><!></select></label> <label class="svelte-g5espj">checkpoint <select data-testid="nn-checkpoint"><!><option>random init</option></select></label> <label class="svelte-g5espj">k <input type="number" min="1" max="200" class="k svelte-g5espj" data-testid="nn-k"/></label> <span class="sep svelte-g5espj"></span> <label class="svelte-g5espj">compare with <select data-testid="nn-other"><option>—</option><!></select></label> <!></div> <!> <!> <!> <!>`, 1);
function Neighbours($$anchor, $$props) {
  push($$props, true);
  const routeRun = router.route.params.get("run");
  let runId = /* @__PURE__ */ state(proxy(routeRun && /^\d+$/.test(routeRun) ? Number(routeRun) : labState.runs.find((r2) => r2.status === "completed")?.id ?? labState.runs[0]?.id ?? ""));
  let checkpoint = /* @__PURE__ */ state("");
  let checkpoints = /* @__PURE__ */ state(proxy([]));
  let otherId = /* @__PURE__ */ state("");
  let otherCheckpoint = /* @__PURE__ */ state("");
  let otherCheckpoints = /* @__PURE__ */ state(proxy([]));
  let k = /* @__PURE__ */ state(10);
  let query2 = /* @__PURE__ */ state(null);
  let result = /* @__PURE__ */ state(null);
  let error = /* @__PURE__ */ state(null);
  let searching = /* @__PURE__ */ state(false);
  let pageOffset = /* @__PURE__ */ state(0);
  let candidates = /* @__PURE__ */ state(null);
  let map = /* @__PURE__ */ state(null);
  let mapLoading = /* @__PURE__ */ state(false);
  let mapError = /* @__PURE__ */ state(null);
  let dragging = /* @__PURE__ */ state(false);
  let fileInput = /* @__PURE__ */ state(void 0);
  const run = /* @__PURE__ */ user_derived(() => get(runId) === "" ? null : labState.run(get(runId)));
  const other = /* @__PURE__ */ user_derived(() => get(otherId) === "" ? null : labState.run(get(otherId)));
  const datasetName = /* @__PURE__ */ user_derived(() => get(run) ? labState.datasets.find((d) => d.id === get(run).dataset_id)?.name ?? null : null);
  const jobs = /* @__PURE__ */ user_derived(() => Object.entries(labState.jobs).filter(([key2]) => key2.startsWith("embed:")));
  const kError = /* @__PURE__ */ user_derived(() => !Number.isInteger(get(k)) || get(k) < 1 || get(k) > 200 ? `k must be an integer in [1, 200], got ${get(k)}` : null);
  async function loadCheckpoints(id, which) {
    const steps = id === "" ? [] : (await lab.run({ id })).checkpoints.map((c) => c.step);
    const latest = steps.length ? steps[steps.length - 1] : -1;
    if (which === "a") {
      set(checkpoints, steps, true);
      set(checkpoint, latest, true);
    } else {
      set(otherCheckpoints, steps, true);
      set(otherCheckpoint, latest, true);
    }
  }
  user_effect(() => {
    const id = get(runId);
    set(result, null);
    set(map, null);
    router.setParams({ run: id === "" ? null : id });
    loadCheckpoints(id, "a").catch((e) => set(error, e, true));
  });
  user_effect(() => {
    loadCheckpoints(get(otherId), "b").catch((e) => set(error, e, true));
  });
  user_effect(() => {
    const ds = get(datasetName);
    const off2 = get(pageOffset);
    if (!ds) return;
    lab.datasetImages({ dataset: ds, split: "held_out", offset: off2, limit: 40 }).then((r2) => set(candidates, r2, true), (e) => set(error, e, true));
  });
  const ck = (c) => c === "" ? void 0 : c;
  async function search(q) {
    if (!get(run) || get(kError)) return;
    set(query2, q, true);
    set(searching, true);
    set(error, null);
    try {
      await lab.embed({ id: get(run).id, checkpoint: ck(get(checkpoint)) });
      const payload = "image" in q ? { image: q.image } : { file: q.file };
      if (get(other)) {
        await lab.embed({
          id: get(other).id,
          checkpoint: ck(get(otherCheckpoint)),
          dataset: get(datasetName) ?? void 0
        });
        const r2 = await lab.compareNeighbors({
          a: { run: get(run).id, checkpoint: ck(get(checkpoint)) },
          b: { run: get(other).id, checkpoint: ck(get(otherCheckpoint)) },
          dataset: get(datasetName) ?? void 0,
          k: get(k),
          ...payload
        });
        set(result, { a: r2.a, b: r2.b, overlap: r2.overlap }, true);
      } else {
        const a = await lab.neighbors({
          id: get(run).id,
          checkpoint: ck(get(checkpoint)),
          k: get(k),
          ...payload
        });
        set(result, { a, b: null, overlap: null }, true);
      }
    } catch (e) {
      set(error, e, true);
      set(result, null);
    } finally {
      set(searching, false);
    }
  }
  async function useFile(f) {
    if (!f) return;
    if (f.size > 12 * 1024 * 1024) {
      set(error, new Error(`${f.name} is ${(f.size / 1024 / 1024).toFixed(1)} MB; query images must be under 12 MB`), true);
      return;
    }
    const data = await new Promise((resolve, reject) => {
      const r2 = new FileReader();
      r2.onload = () => resolve(String(r2.result));
      r2.onerror = () => reject(r2.error);
      r2.readAsDataURL(f);
    });
    if (get(query2) && "url" in get(query2)) URL.revokeObjectURL(get(query2).url);
    await search({ file: data, name: f.name, url: URL.createObjectURL(f) });
  }
  async function loadMap() {
    if (!get(run)) return;
    set(mapLoading, true);
    set(mapError, null);
    try {
      await lab.embed({ id: get(run).id, checkpoint: ck(get(checkpoint)) });
      set(map, await lab.embeddingMap({
        id: get(run).id,
        checkpoint: ck(get(checkpoint)),
        max: 2e3,
        vectors: true
      }));
    } catch (e) {
      set(mapError, e, true);
    } finally {
      set(mapLoading, false);
    }
  }
  const common = /* @__PURE__ */ user_derived(() => get(result)?.b ? new Set(get(result).a.results.map((r2) => r2.index).filter((i) => get(result).b.results.some((x) => x.index === i))) : /* @__PURE__ */ new Set());
  const lbl = (r2) => r2.class_name ?? (r2.label === null ? "" : String(r2.label));
  const ckLabel = (c) => c < 0 ? "random init" : `step ${c}`;
  var fragment = root$3();
  var div = first_child(fragment);
  var label = sibling(child(div), 2);
  var select = sibling(child(label));
  var option = child(select);
  option.value = option.__value = "";
  var node = sibling(option);
  each(node, 17, () => labState.runs, (r2) => r2.id, ($$anchor2, r2) => {
    var option_1 = root_1$3();
    var text2 = child(option_1);
    var option_1_value = {};
    template_effect(() => {
      set_text(text2, `${get(r2).id ?? ""} ${get(r2).name ?? ""}`);
      if (option_1_value !== (option_1_value = get(r2).id)) {
        option_1.value = (option_1.__value = get(r2).id) ?? "";
      }
    });
    append($$anchor2, option_1);
  });
  var label_1 = sibling(label, 2);
  var select_1 = sibling(child(label_1));
  var node_1 = child(select_1);
  each(node_1, 16, () => get(checkpoints), (c) => c, ($$anchor2, c) => {
    var option_2 = root_2$3();
    var text_1 = child(option_2);
    var option_2_value = {};
    template_effect(
      ($0) => {
        set_text(text_1, $0);
        if (option_2_value !== (option_2_value = c)) {
          option_2.value = (option_2.__value = c) ?? "";
        }
      },
      [() => ckLabel(c)]
    );
    append($$anchor2, option_2);
  });
  var option_3 = sibling(node_1);
  option_3.value = option_3.__value = -1;
  var label_2 = sibling(label_1, 2);
  var input = sibling(child(label_2));
  var label_3 = sibling(label_2, 4);
  var select_2 = sibling(child(label_3));
  var option_4 = child(select_2);
  option_4.value = option_4.__value = "";
  var node_2 = sibling(option_4);
  each(node_2, 17, () => labState.runs.filter((r2) => r2.id !== get(runId)), (r2) => r2.id, ($$anchor2, r2) => {
    var option_5 = root_3$3();
    var text_2 = child(option_5);
    var option_5_value = {};
    template_effect(() => {
      set_text(text_2, `${get(r2).id ?? ""} ${get(r2).name ?? ""}`);
      if (option_5_value !== (option_5_value = get(r2).id)) {
        option_5.value = (option_5.__value = get(r2).id) ?? "";
      }
    });
    append($$anchor2, option_5);
  });
  var node_3 = sibling(label_3, 2);
  {
    var consequent = ($$anchor2) => {
      var select_3 = root_4$3();
      var node_4 = child(select_3);
      each(node_4, 16, () => get(otherCheckpoints), (c) => c, ($$anchor3, c) => {
        var option_6 = root_5$3();
        var text_3 = child(option_6);
        var option_6_value = {};
        template_effect(
          ($0) => {
            set_text(text_3, $0);
            if (option_6_value !== (option_6_value = c)) {
              option_6.value = (option_6.__value = c) ?? "";
            }
          },
          [() => ckLabel(c)]
        );
        append($$anchor3, option_6);
      });
      var option_7 = sibling(node_4);
      option_7.value = option_7.__value = -1;
      bind_select_value(select_3, () => get(otherCheckpoint), ($$value) => set(otherCheckpoint, $$value));
      append($$anchor2, select_3);
    };
    if_block(node_3, ($$render) => {
      if (get(other)) $$render(consequent);
    });
  }
  var node_5 = sibling(div, 2);
  {
    var consequent_1 = ($$anchor2) => {
      var div_1 = root_6$2();
      var text_4 = child(div_1);
      template_effect(() => set_text(text_4, get(kError)));
      append($$anchor2, div_1);
    };
    if_block(node_5, ($$render) => {
      if (get(kError)) $$render(consequent_1);
    });
  }
  var node_6 = sibling(node_5, 2);
  each(node_6, 17, () => get(jobs), ([key2, j]) => key2, ($$anchor2, $$item) => {
    var $$array = /* @__PURE__ */ user_derived(() => to_array(get($$item), 2));
    let j = () => get($$array)[1];
    ProgressBar($$anchor2, {
      get value() {
        return j().done;
      },
      get max() {
        return j().total;
      },
      get label() {
        return `${j().label ?? ""}: ${j().done ?? ""}/${j().total ?? ""}`;
      },
      testid: "embed-progress"
    });
  });
  var node_7 = sibling(node_6, 2);
  ErrorBox(node_7, {
    get error() {
      return get(error);
    },
    ondismiss: () => set(error, null)
  });
  var node_8 = sibling(node_7, 2);
  {
    var consequent_2 = ($$anchor2) => {
      var div_2 = root_8$2();
      append($$anchor2, div_2);
    };
    var alternate_2 = ($$anchor2) => {
      var fragment_2 = root_9$2();
      var div_3 = first_child(fragment_2);
      var section = child(div_3);
      var div_4 = sibling(child(section), 2);
      let classes;
      div_4.__click = () => get(fileInput)?.click();
      div_4.__keydown = (e) => (e.key === "Enter" || e.key === " ") && get(fileInput)?.click();
      var input_1 = sibling(div_4, 2);
      input_1.__change = () => useFile(get(fileInput)?.files?.[0]);
      bind_this(input_1, ($$value) => set(fileInput, $$value), () => get(fileInput));
      var div_5 = sibling(input_1, 2);
      var text_5 = child(div_5);
      var button = sibling(text_5, 3);
      button.__click = () => set(pageOffset, Math.max(0, get(pageOffset) - 40), true);
      var button_1 = sibling(button, 2);
      button_1.__click = () => set(pageOffset, get(pageOffset) + 40);
      var node_9 = sibling(div_5, 2);
      {
        var consequent_3 = ($$anchor3) => {
          var div_6 = root_10$2();
          each(div_6, 21, () => get(candidates).items, (it) => it.index, ($$anchor4, it) => {
            {
              let $0 = /* @__PURE__ */ user_derived(() => !!get(query2) && "image" in get(query2) && get(query2).image === get(it).index);
              Thumb($$anchor4, {
                get dataset() {
                  return get(datasetName);
                },
                get index() {
                  return get(it).index;
                },
                size: 40,
                get selected() {
                  return get($0);
                },
                onclick: () => search({ image: get(it).index }),
                testid: "nn-candidate"
              });
            }
          });
          append($$anchor3, div_6);
        };
        if_block(node_9, ($$render) => {
          if (get(candidates) && get(datasetName)) $$render(consequent_3);
        });
      }
      var section_1 = sibling(section, 2);
      var div_7 = child(section_1);
      var node_10 = sibling(child(div_7), 2);
      {
        var consequent_4 = ($$anchor3) => {
          var span = root_12$1();
          append($$anchor3, span);
        };
        if_block(node_10, ($$render) => {
          if (get(searching)) $$render(consequent_4);
        });
      }
      var node_11 = sibling(node_10, 2);
      {
        var consequent_5 = ($$anchor3) => {
          var span_1 = root_13$1();
          var text_6 = child(span_1);
          var b = sibling(text_6);
          var text_7 = child(b);
          template_effect(
            ($0) => {
              set_text(text_6, `overlap@${get(result).a.results.length ?? ""}: `);
              set_text(text_7, $0);
            },
            [() => pct(get(result).overlap, 0)]
          );
          append($$anchor3, span_1);
        };
        if_block(node_11, ($$render) => {
          if (get(result)?.overlap !== null && get(result)?.overlap !== void 0) $$render(consequent_5);
        });
      }
      var node_12 = sibling(div_7, 2);
      {
        var consequent_8 = ($$anchor3) => {
          var div_8 = root_14$1();
          var node_13 = sibling(child(div_8), 2);
          {
            var consequent_6 = ($$anchor4) => {
              Thumb($$anchor4, {
                get dataset() {
                  return get(datasetName);
                },
                get index() {
                  return get(query2).image;
                },
                size: 56,
                get caption() {
                  return `#${get(query2).image ?? ""}`;
                },
                testid: "nn-query"
              });
            };
            var alternate = ($$anchor4) => {
              var fragment_5 = comment();
              var node_14 = first_child(fragment_5);
              {
                var consequent_7 = ($$anchor5) => {
                  var figure = root_17$1();
                  var img = child(figure);
                  var figcaption = sibling(img);
                  var text_8 = child(figcaption);
                  template_effect(() => {
                    set_attribute(img, "src", get(query2).url);
                    set_text(text_8, get(query2).name);
                  });
                  append($$anchor5, figure);
                };
                if_block(
                  node_14,
                  ($$render) => {
                    if ("url" in get(query2)) $$render(consequent_7);
                  },
                  true
                );
              }
              append($$anchor4, fragment_5);
            };
            if_block(node_13, ($$render) => {
              if ("image" in get(query2) && get(datasetName)) $$render(consequent_6);
              else $$render(alternate, false);
            });
          }
          append($$anchor3, div_8);
        };
        if_block(node_12, ($$render) => {
          if (get(query2)) $$render(consequent_8);
        });
      }
      var node_15 = sibling(node_12, 2);
      {
        var consequent_9 = ($$anchor3) => {
          var div_9 = root_18$1();
          let classes_1;
          each(
            div_9,
            21,
            () => get(result).b ? [get(result).a, get(result).b] : [get(result).a],
            index,
            ($$anchor4, side) => {
              var div_10 = root_19$1();
              var div_11 = child(div_10);
              var i_1 = child(div_11);
              let styles;
              var text_9 = sibling(i_1);
              var ol = sibling(div_11, 2);
              each(ol, 23, () => get(side).results, (r2) => r2.index, ($$anchor5, r2, i) => {
                var li = root_20$1();
                let classes_2;
                var span_2 = child(li);
                var text_10 = child(span_2);
                var node_16 = sibling(span_2, 2);
                Thumb(node_16, {
                  get dataset() {
                    return get(side).dataset;
                  },
                  get index() {
                    return get(r2).index;
                  },
                  size: 44
                });
                var span_3 = sibling(node_16, 2);
                var b_1 = child(span_3);
                var text_11 = child(b_1);
                var span_4 = sibling(b_1);
                var text_12 = child(span_4);
                var span_5 = sibling(span_4);
                var text_13 = child(span_5);
                template_effect(
                  ($0, $1, $2) => {
                    set_attribute(li, "data-index", get(r2).index);
                    set_attribute(li, "data-score", get(r2).score);
                    classes_2 = set_class(li, 1, "svelte-g5espj", null, classes_2, $0);
                    set_text(text_10, get(i) + 1);
                    set_text(text_11, $1);
                    set_text(text_12, $2);
                    set_text(text_13, `#${get(r2).index ?? ""}`);
                  },
                  [
                    () => ({ common: get(common).has(get(r2).index) }),
                    () => get(r2).score.toFixed(3),
                    () => lbl(get(r2))
                  ]
                );
                append($$anchor5, li);
              });
              template_effect(
                ($0, $1) => {
                  styles = set_style(i_1, "", styles, $0);
                  set_text(text_9, ` run ${get(side).run_id ?? ""} · ${$1 ?? ""}`);
                },
                [
                  () => ({ background: runColor(get(side).run_id) }),
                  () => ckLabel(get(side).checkpoint_step)
                ]
              );
              append($$anchor4, div_10);
            }
          );
          template_effect(() => classes_1 = set_class(div_9, 1, "sides svelte-g5espj", null, classes_1, { two: !!get(result).b }));
          append($$anchor3, div_9);
        };
        var alternate_1 = ($$anchor3) => {
          var fragment_6 = comment();
          var node_17 = first_child(fragment_6);
          {
            var consequent_10 = ($$anchor4) => {
              var div_12 = root_22$1();
              append($$anchor4, div_12);
            };
            if_block(
              node_17,
              ($$render) => {
                if (!get(searching)) $$render(consequent_10);
              },
              true
            );
          }
          append($$anchor3, fragment_6);
        };
        if_block(node_15, ($$render) => {
          if (get(result)) $$render(consequent_9);
          else $$render(alternate_1, false);
        });
      }
      var section_2 = sibling(div_3, 2);
      var div_13 = child(section_2);
      var button_2 = sibling(child(div_13), 2);
      button_2.__click = loadMap;
      var text_14 = child(button_2);
      var node_18 = sibling(div_13, 2);
      ErrorBox(node_18, {
        get error() {
          return get(mapError);
        },
        ondismiss: () => set(mapError, null)
      });
      var node_19 = sibling(node_18, 2);
      {
        var consequent_11 = ($$anchor3) => {
          {
            let $0 = /* @__PURE__ */ user_derived(() => get(query2) && "image" in get(query2) ? get(query2).image : null);
            EmbeddingMap($$anchor3, {
              get map() {
                return get(map);
              },
              get selected() {
                return get($0);
              },
              onpick: (i) => search({ image: i })
            });
          }
        };
        if_block(node_19, ($$render) => {
          if (get(map)) $$render(consequent_11);
        });
      }
      template_effect(() => {
        classes = set_class(div_4, 1, "drop svelte-g5espj", null, classes, { dragging: get(dragging) });
        set_text(text_5, `or click a held-out image of ${get(datasetName) ?? ""} `);
        button.disabled = get(pageOffset) === 0;
        button_1.disabled = !get(candidates) || get(pageOffset) + 40 >= get(candidates).total;
        button_2.disabled = get(mapLoading);
        set_text(text_14, get(mapLoading) ? "Computing…" : get(map) ? "Reload" : "Show map");
      });
      event("dragover", div_4, (e) => {
        e.preventDefault();
        set(dragging, true);
      });
      event("dragleave", div_4, () => set(dragging, false));
      event("drop", div_4, (e) => {
        e.preventDefault();
        set(dragging, false);
        useFile(e.dataTransfer?.files[0]);
      });
      append($$anchor2, fragment_2);
    };
    if_block(node_8, ($$render) => {
      if (!get(run)) $$render(consequent_2);
      else $$render(alternate_2, false);
    });
  }
  template_effect(() => set_attribute(input, "aria-invalid", !!get(kError)));
  bind_select_value(select, () => get(runId), ($$value) => set(runId, $$value));
  bind_select_value(select_1, () => get(checkpoint), ($$value) => set(checkpoint, $$value));
  bind_value(input, () => get(k), ($$value) => set(k, $$value));
  bind_select_value(select_2, () => get(otherId), ($$value) => set(otherId, $$value));
  append($$anchor, fragment);
  pop();
}
delegate(["click", "keydown", "change"]);
var root_1$2 = /* @__PURE__ */ from_html(`<option> </option>`);
var root_3$2 = /* @__PURE__ */ from_html(`<option> </option>`);
var root_2$2 = /* @__PURE__ */ from_html(`<label class="svelte-1pr8382"><span class="svelte-1pr8382">preset</span> <select data-testid="mask-preset"></select></label>`);
var root_4$2 = /* @__PURE__ */ from_html(`<option> </option>`);
var root_5$2 = /* @__PURE__ */ from_html(`<div class="muted small"> </div>`);
var root_6$1 = /* @__PURE__ */ from_html(`<div class="field-error"> </div>`);
var root_7$2 = /* @__PURE__ */ from_html(`<div class="field-error"> </div>`);
var root_8$1 = /* @__PURE__ */ from_html(`<div class="field-error"> </div>`);
var root_9$1 = /* @__PURE__ */ from_html(`<div class="field-error" data-testid="mask-num-error"> </div>`);
var root_10$1 = /* @__PURE__ */ from_html(`<div class="field-error" data-testid="mask-min-keep-error"> </div>`);
var root_11 = /* @__PURE__ */ from_html(`<div class="field-error"> </div>`);
var root_14 = /* @__PURE__ */ from_html(`<option> </option>`);
var root_15 = /* @__PURE__ */ from_html(`<div class="muted small">per-patch error of the predictor over the target blocks, with the run's mask settings and this seed</div>`);
var root_16 = /* @__PURE__ */ from_html(`<div class="muted small">the error is computed on the run's own dataset: pick it above</div>`);
var root_13 = /* @__PURE__ */ from_html(`<label class="svelte-1pr8382"><span class="svelte-1pr8382">checkpoint</span> <select data-testid="mask-checkpoint"></select></label> <button type="button" data-testid="mask-error-btn"> </button> <!>`, 1);
var root_17 = /* @__PURE__ */ from_html(`<div class="muted small">this run has no checkpoint yet</div>`);
var root_12 = /* @__PURE__ */ from_html(`<h3 class="svelte-1pr8382">Prediction error</h3> <!> <!>`, 1);
var root_18 = /* @__PURE__ */ from_html(`<span><i class="swatch"></i> </span>`);
var root_22 = /* @__PURE__ */ from_svg(`<rect width="1" height="1" class="dim"></rect>`);
var root_24 = /* @__PURE__ */ from_svg(`<rect width="1" height="1" fill-opacity="0.5"></rect>`);
var root_23 = /* @__PURE__ */ from_svg(`<!><rect fill="none" stroke-width="0.12"></rect>`, 1);
var root_25 = /* @__PURE__ */ from_svg(`<rect width="0.92" height="0.92" class="ctx"></rect>`);
var root_28 = /* @__PURE__ */ from_svg(`<rect width="1" height="1" fill="#ff3b1f"><title> </title></rect>`);
var root_29 = /* @__PURE__ */ from_svg(`<rect width="1" height="1" class="dim"></rect>`);
var root_26 = /* @__PURE__ */ from_html(`<div class="img svelte-1pr8382" data-testid="mask-heatmap"><img class="svelte-1pr8382"/> <svg preserveAspectRatio="none" class="svelte-1pr8382"></svg></div>`);
var root_20 = /* @__PURE__ */ from_html(`<figure class="cell svelte-1pr8382" data-testid="mask-cell"><div class="imgs svelte-1pr8382"><div class="img svelte-1pr8382"><img class="svelte-1pr8382"/> <svg preserveAspectRatio="none" class="svelte-1pr8382"><!><!><!></svg></div> <!></div> <figcaption class="muted small svelte-1pr8382"> </figcaption></figure>`);
var root_30 = /* @__PURE__ */ from_html(`<div class="muted small">The heatmap uses the run's own mask settings: reset the sampler controls to see it next to these masks.</div>`);
var root_31 = /* @__PURE__ */ from_html(`<div class="muted small" data-testid="heat-scale"> </div>`);
var root_19 = /* @__PURE__ */ from_html(`<div class="grid svelte-1pr8382" data-testid="mask-grid"></div> <!> <!>`, 1);
var root$2 = /* @__PURE__ */ from_html(`<div class="layout svelte-1pr8382"><aside class="panel controls svelte-1pr8382" data-testid="mask-controls"><h3 class="svelte-1pr8382">Source</h3> <label class="svelte-1pr8382"><span class="svelte-1pr8382">run</span> <select data-testid="mask-run"><option>— a preset —</option><!></select></label> <!> <label class="svelte-1pr8382"><span class="svelte-1pr8382">dataset</span> <select data-testid="mask-dataset"></select></label> <!> <h3 class="svelte-1pr8382">Sampler</h3> <div class="pair svelte-1pr8382"><span class="svelte-1pr8382">target scale</span> <input data-testid="mask-pred0" class="svelte-1pr8382"/> – <input data-testid="mask-pred1" class="svelte-1pr8382"/></div> <!> <div class="pair svelte-1pr8382"><span class="svelte-1pr8382">aspect ratio</span> <input data-testid="mask-asp0" class="svelte-1pr8382"/> – <input data-testid="mask-asp1" class="svelte-1pr8382"/></div> <!> <div class="pair svelte-1pr8382"><span class="svelte-1pr8382">context scale</span> <input data-testid="mask-enc0" class="svelte-1pr8382"/> – <input data-testid="mask-enc1" class="svelte-1pr8382"/></div> <!> <div class="pair svelte-1pr8382"><span class="svelte-1pr8382">target blocks</span><input data-testid="mask-num" class="svelte-1pr8382"/></div> <!> <div class="pair svelte-1pr8382"><span class="svelte-1pr8382">min_keep</span><input data-testid="mask-min-keep" class="svelte-1pr8382"/></div> <!> <label class="check svelte-1pr8382"><input type="checkbox"/> context may overlap targets</label> <!> <div class="pair svelte-1pr8382"><span class="svelte-1pr8382">seed</span><input type="number" min="0" data-testid="mask-seed" class="svelte-1pr8382"/></div> <div class="pair svelte-1pr8382"><span class="svelte-1pr8382">images</span><input type="number" min="1" max="64" data-testid="mask-count" class="svelte-1pr8382"/></div> <div class="row"><button type="button" class="primary" data-testid="mask-resample">Resample</button> <button type="button" title="a different seed far from this one">Shuffle</button> <button type="button" title="back to the source's settings">Reset</button></div> <!></aside> <section class="main svelte-1pr8382"><div class="row"><h2>Masks</h2> <span class="legend svelte-1pr8382"><span><i class="swatch ctx svelte-1pr8382"></i> context (encoder input)</span> <span><i class="swatch drop svelte-1pr8382"></i> not seen</span> <!></span></div> <!> <!></section></div>`);
function Masks($$anchor, $$props) {
  push($$props, true);
  const routeRun = router.route.params.get("run");
  let runId = /* @__PURE__ */ state(proxy(routeRun && /^\d+$/.test(routeRun) ? Number(routeRun) : labState.runs[0]?.id ?? ""));
  let preset = /* @__PURE__ */ state(proxy(labState.info?.defaultPreset ?? "cpu-small"));
  let dataset = /* @__PURE__ */ state("digits");
  let seed = /* @__PURE__ */ state(0);
  let count = /* @__PURE__ */ state(8);
  let p = /* @__PURE__ */ state(proxy({
    pred0: "",
    pred1: "",
    enc0: "",
    enc1: "",
    asp0: "",
    asp1: "",
    num_pred_masks: "",
    min_keep: "",
    allow_overlap: false
  }));
  let view = /* @__PURE__ */ state(null);
  let error = /* @__PURE__ */ state(null);
  let fieldError = /* @__PURE__ */ state(null);
  let heat = /* @__PURE__ */ state(null);
  let heatError = /* @__PURE__ */ state(null);
  let heatLoading = /* @__PURE__ */ state(false);
  let checkpoint = /* @__PURE__ */ state("");
  let checkpoints = /* @__PURE__ */ state(proxy([]));
  const run = /* @__PURE__ */ user_derived(() => get(runId) === "" ? null : labState.run(get(runId)));
  const ownDataset = /* @__PURE__ */ user_derived(() => !!get(run) && labState.datasets.find((d) => d.id === get(run).dataset_id)?.name === get(dataset));
  function fill(mask) {
    set(
      p,
      {
        pred0: String(mask.pred_mask_scale[0]),
        pred1: String(mask.pred_mask_scale[1]),
        enc0: String(mask.enc_mask_scale[0]),
        enc1: String(mask.enc_mask_scale[1]),
        asp0: String(mask.aspect_ratio[0]),
        asp1: String(mask.aspect_ratio[1]),
        num_pred_masks: String(mask.num_pred_masks),
        min_keep: String(mask.min_keep),
        allow_overlap: mask.allow_overlap
      },
      true
    );
  }
  function sourceChanged() {
    set(heat, null);
    const cfg = get(run) ? get(run).config : labState.presets.find((x) => x.name === get(preset))?.config;
    if (cfg) fill(cfg.mask);
    if (get(run)) {
      set(dataset, labState.datasets.find((d) => d.id === get(run).dataset_id)?.name ?? get(dataset), true);
      lab.run({ id: get(run).id }).then((d) => {
        set(checkpoints, d.checkpoints.map((c) => c.step), true);
        set(
          checkpoint,
          get(checkpoints).length ? get(checkpoints)[get(checkpoints).length - 1] : "",
          true
        );
      });
    } else set(checkpoints, [], true);
  }
  sourceChanged();
  const local = /* @__PURE__ */ user_derived(() => {
    const errs = {};
    const n = (k, label) => {
      const s = String(get(p)[k]).trim();
      const v = Number(s);
      if (s === "" || !Number.isFinite(v)) errs[k] = `${label} must be a number, got "${s}"`;
      return v;
    };
    const mask = {
      pred_mask_scale: [
        n("pred0", "target scale min"),
        n("pred1", "target scale max")
      ],
      enc_mask_scale: [
        n("enc0", "context scale min"),
        n("enc1", "context scale max")
      ],
      aspect_ratio: [n("asp0", "aspect min"), n("asp1", "aspect max")],
      num_pred_masks: n("num_pred_masks", "target blocks"),
      min_keep: n("min_keep", "min_keep"),
      allow_overlap: get(p).allow_overlap
    };
    return { errs, mask };
  });
  let seq = 0;
  let timer;
  user_effect(() => {
    const args = {
      seed: get(seed),
      count: get(count),
      mask: get(local).mask,
      dataset: get(dataset),
      ...get(run) ? { run: get(run).id } : { preset: get(preset) }
    };
    const bad = Object.keys(get(local).errs).length > 0;
    clearTimeout(timer);
    if (bad) return;
    const mine = ++seq;
    timer = setTimeout(
      async () => {
        try {
          const r2 = await lab.sampleMasks(args);
          if (mine !== seq) return;
          set(view, r2, true);
          set(error, null);
          set(fieldError, null);
        } catch (e) {
          if (mine !== seq) return;
          if (e instanceof ApiError && e.field) set(fieldError, { field: e.field, message: e.message }, true);
          else set(error, e, true);
        }
      },
      120
    );
  });
  async function showError() {
    if (!get(run) || !get(view) || get(checkpoint) === "") return;
    set(heatLoading, true);
    set(heatError, null);
    try {
      set(
        heat,
        await lab.maskError({
          id: get(run).id,
          checkpoint: get(checkpoint),
          indices: get(view).indices,
          seed: get(seed)
        }),
        true
      );
    } catch (e) {
      set(heatError, e, true);
    } finally {
      set(heatLoading, false);
    }
  }
  function shuffleImages() {
    set(seed, (get(seed) * 7919 + 13) % 1e5);
  }
  const FIELD = {
    "mask.pred_mask_scale": "pred",
    "mask.enc_mask_scale": "enc",
    "mask.aspect_ratio": "asp",
    "mask.num_pred_masks": "num_pred_masks",
    "mask.min_keep": "min_keep"
  };
  const errFor = (key2) => {
    const direct = get(local).errs[key2] ?? get(local).errs[`${key2}0`] ?? get(local).errs[`${key2}1`];
    if (direct) return direct;
    if (get(fieldError)) {
      const f = get(fieldError).field.replace(/\[\d\]$/, "");
      if (FIELD[f] === key2) return get(fieldError).message;
    }
    return null;
  };
  const unplacedError = /* @__PURE__ */ user_derived(() => get(fieldError) && !Object.keys(FIELD).includes(get(fieldError).field.replace(/\[\d\]$/, "")) ? get(fieldError).message : null);
  const signature = /* @__PURE__ */ user_derived(() => get(view) ? `${get(view).seed}:${get(view).context.map((c) => c.join(".")).join("|")}:${get(view).targets.map((t) => t.map((b) => b.join(".")).join("/")).join("|")}` : "");
  const heatMatches = /* @__PURE__ */ user_derived(() => !!get(heat) && !!get(view) && get(heat).indices.join() === get(view).indices.join() && JSON.stringify(get(heat).context) === JSON.stringify(get(view).context));
  const heatRange = /* @__PURE__ */ user_derived(() => {
    if (!get(heat)) return [0, 1];
    const vals = get(heat).errors.filter((v) => v >= 0);
    return vals.length ? [Math.min(...vals), Math.max(...vals)] : [0, 1];
  });
  const heatAlpha = (v) => get(heatRange)[1] > get(heatRange)[0] ? (v - get(heatRange)[0]) / (get(heatRange)[1] - get(heatRange)[0]) : 0.5;
  const cells = (g) => Array.from({ length: g * g }, (_2, i) => i);
  var div = root$2();
  var aside = child(div);
  var label_1 = sibling(child(aside), 2);
  var select = sibling(child(label_1), 2);
  select.__change = sourceChanged;
  var option = child(select);
  option.value = option.__value = "";
  var node = sibling(option);
  each(node, 17, () => labState.runs, (r2) => r2.id, ($$anchor2, r2) => {
    var option_1 = root_1$2();
    var text2 = child(option_1);
    var option_1_value = {};
    template_effect(() => {
      set_text(text2, `${get(r2).id ?? ""} ${get(r2).name ?? ""}`);
      if (option_1_value !== (option_1_value = get(r2).id)) {
        option_1.value = (option_1.__value = get(r2).id) ?? "";
      }
    });
    append($$anchor2, option_1);
  });
  var node_1 = sibling(label_1, 2);
  {
    var consequent = ($$anchor2) => {
      var label_2 = root_2$2();
      var select_1 = sibling(child(label_2), 2);
      select_1.__change = sourceChanged;
      each(select_1, 21, () => labState.presets, (pr) => pr.name, ($$anchor3, pr) => {
        var option_2 = root_3$2();
        var text_1 = child(option_2);
        var option_2_value = {};
        template_effect(() => {
          set_text(text_1, get(pr).name);
          if (option_2_value !== (option_2_value = get(pr).name)) {
            option_2.value = (option_2.__value = get(pr).name) ?? "";
          }
        });
        append($$anchor3, option_2);
      });
      bind_select_value(select_1, () => get(preset), ($$value) => set(preset, $$value));
      append($$anchor2, label_2);
    };
    if_block(node_1, ($$render) => {
      if (!get(run)) $$render(consequent);
    });
  }
  var label_3 = sibling(node_1, 2);
  var select_2 = sibling(child(label_3), 2);
  each(select_2, 21, () => labState.datasets, (d) => d.id, ($$anchor2, d) => {
    var option_3 = root_4$2();
    var text_2 = child(option_3);
    var option_3_value = {};
    template_effect(() => {
      set_text(text_2, get(d).name);
      if (option_3_value !== (option_3_value = get(d).name)) {
        option_3.value = (option_3.__value = get(d).name) ?? "";
      }
    });
    append($$anchor2, option_3);
  });
  var node_2 = sibling(label_3, 2);
  {
    var consequent_1 = ($$anchor2) => {
      var div_1 = root_5$2();
      var text_3 = child(div_1);
      template_effect(() => set_text(text_3, `${get(view).crop_size ?? ""}px crops, ${get(view).patch_size ?? ""}px patches: a ${get(view).grid ?? ""}×${get(view).grid ?? ""} grid`));
      append($$anchor2, div_1);
    };
    if_block(node_2, ($$render) => {
      if (get(view)) $$render(consequent_1);
    });
  }
  var div_2 = sibling(node_2, 4);
  var input = sibling(child(div_2), 2);
  var input_1 = sibling(input, 2);
  var node_3 = sibling(div_2, 2);
  {
    var consequent_2 = ($$anchor2) => {
      var div_3 = root_6$1();
      var text_4 = child(div_3);
      template_effect(($0) => set_text(text_4, $0), [() => errFor("pred")]);
      append($$anchor2, div_3);
    };
    if_block(node_3, ($$render) => {
      if (errFor("pred")) $$render(consequent_2);
    });
  }
  var div_4 = sibling(node_3, 2);
  var input_2 = sibling(child(div_4), 2);
  var input_3 = sibling(input_2, 2);
  var node_4 = sibling(div_4, 2);
  {
    var consequent_3 = ($$anchor2) => {
      var div_5 = root_7$2();
      var text_5 = child(div_5);
      template_effect(($0) => set_text(text_5, $0), [() => errFor("asp")]);
      append($$anchor2, div_5);
    };
    if_block(node_4, ($$render) => {
      if (errFor("asp")) $$render(consequent_3);
    });
  }
  var div_6 = sibling(node_4, 2);
  var input_4 = sibling(child(div_6), 2);
  var input_5 = sibling(input_4, 2);
  var node_5 = sibling(div_6, 2);
  {
    var consequent_4 = ($$anchor2) => {
      var div_7 = root_8$1();
      var text_6 = child(div_7);
      template_effect(($0) => set_text(text_6, $0), [() => errFor("enc")]);
      append($$anchor2, div_7);
    };
    if_block(node_5, ($$render) => {
      if (errFor("enc")) $$render(consequent_4);
    });
  }
  var div_8 = sibling(node_5, 2);
  var input_6 = sibling(child(div_8));
  var node_6 = sibling(div_8, 2);
  {
    var consequent_5 = ($$anchor2) => {
      var div_9 = root_9$1();
      var text_7 = child(div_9);
      template_effect(($0) => set_text(text_7, $0), [() => errFor("num_pred_masks")]);
      append($$anchor2, div_9);
    };
    if_block(node_6, ($$render) => {
      if (errFor("num_pred_masks")) $$render(consequent_5);
    });
  }
  var div_10 = sibling(node_6, 2);
  var input_7 = sibling(child(div_10));
  var node_7 = sibling(div_10, 2);
  {
    var consequent_6 = ($$anchor2) => {
      var div_11 = root_10$1();
      var text_8 = child(div_11);
      template_effect(($0) => set_text(text_8, $0), [() => errFor("min_keep")]);
      append($$anchor2, div_11);
    };
    if_block(node_7, ($$render) => {
      if (errFor("min_keep")) $$render(consequent_6);
    });
  }
  var label_4 = sibling(node_7, 2);
  var input_8 = child(label_4);
  var node_8 = sibling(label_4, 2);
  {
    var consequent_7 = ($$anchor2) => {
      var div_12 = root_11();
      var text_9 = child(div_12);
      template_effect(() => set_text(text_9, get(unplacedError)));
      append($$anchor2, div_12);
    };
    if_block(node_8, ($$render) => {
      if (get(unplacedError)) $$render(consequent_7);
    });
  }
  var div_13 = sibling(node_8, 2);
  var input_9 = sibling(child(div_13));
  var div_14 = sibling(div_13, 2);
  var input_10 = sibling(child(div_14));
  var div_15 = sibling(div_14, 2);
  var button = child(div_15);
  button.__click = () => set(seed, get(seed) + 1);
  var button_1 = sibling(button, 2);
  button_1.__click = shuffleImages;
  var button_2 = sibling(button_1, 2);
  button_2.__click = sourceChanged;
  var node_9 = sibling(div_15, 2);
  {
    var consequent_10 = ($$anchor2) => {
      var fragment = root_12();
      var node_10 = sibling(first_child(fragment), 2);
      {
        var consequent_9 = ($$anchor3) => {
          var fragment_1 = root_13();
          var label_5 = first_child(fragment_1);
          var select_3 = sibling(child(label_5), 2);
          each(select_3, 20, () => get(checkpoints), (c) => c, ($$anchor4, c) => {
            var option_4 = root_14();
            var text_10 = child(option_4);
            var option_4_value = {};
            template_effect(() => {
              set_text(text_10, `step ${c ?? ""}`);
              if (option_4_value !== (option_4_value = c)) {
                option_4.value = (option_4.__value = c) ?? "";
              }
            });
            append($$anchor4, option_4);
          });
          var button_3 = sibling(label_5, 2);
          button_3.__click = showError;
          var text_11 = child(button_3);
          var node_11 = sibling(button_3, 2);
          {
            var consequent_8 = ($$anchor4) => {
              var div_16 = root_15();
              append($$anchor4, div_16);
            };
            var alternate = ($$anchor4) => {
              var div_17 = root_16();
              append($$anchor4, div_17);
            };
            if_block(node_11, ($$render) => {
              if (get(ownDataset)) $$render(consequent_8);
              else $$render(alternate, false);
            });
          }
          template_effect(() => {
            button_3.disabled = get(heatLoading) || !get(view) || !get(ownDataset);
            set_text(text_11, get(heatLoading) ? "Computing…" : "Show prediction error");
          });
          bind_select_value(select_3, () => get(checkpoint), ($$value) => set(checkpoint, $$value));
          append($$anchor3, fragment_1);
        };
        var alternate_1 = ($$anchor3) => {
          var div_18 = root_17();
          append($$anchor3, div_18);
        };
        if_block(node_10, ($$render) => {
          if (get(checkpoints).length) $$render(consequent_9);
          else $$render(alternate_1, false);
        });
      }
      var node_12 = sibling(node_10, 2);
      ErrorBox(node_12, {
        get error() {
          return get(heatError);
        },
        ondismiss: () => set(heatError, null)
      });
      append($$anchor2, fragment);
    };
    if_block(node_9, ($$render) => {
      if (get(run)) $$render(consequent_10);
    });
  }
  var section = sibling(aside, 2);
  var div_19 = child(section);
  var span = sibling(child(div_19), 2);
  var node_13 = sibling(child(span), 4);
  each(node_13, 16, () => (get(view)?.targets[0] ?? []).map((_2, m) => m), (m) => m, ($$anchor2, m) => {
    var span_1 = root_18();
    var i_1 = child(span_1);
    let styles;
    var text_12 = sibling(i_1);
    template_effect(() => {
      styles = set_style(i_1, "", styles, { background: BLOCK_COLORS[m % BLOCK_COLORS.length] });
      set_text(text_12, ` target ${m + 1}`);
    });
    append($$anchor2, span_1);
  });
  var node_14 = sibling(div_19, 2);
  ErrorBox(node_14, {
    get error() {
      return get(error);
    },
    ondismiss: () => set(error, null)
  });
  var node_15 = sibling(node_14, 2);
  {
    var consequent_16 = ($$anchor2) => {
      var fragment_2 = root_19();
      var div_20 = first_child(fragment_2);
      each(div_20, 21, () => get(view).indices, index, ($$anchor3, idx, b) => {
        const ctx = /* @__PURE__ */ user_derived(() => new Set(get(view).context[b]));
        const tgt = /* @__PURE__ */ user_derived(() => new Set(get(view).targets[b].flat()));
        var figure = root_20();
        var div_21 = child(figure);
        var div_22 = child(div_21);
        var img = child(div_22);
        var svg = sibling(img, 2);
        var node_16 = child(svg);
        each(node_16, 16, () => cells(get(view).grid), (i) => i, ($$anchor4, i) => {
          var fragment_3 = comment();
          var node_17 = first_child(fragment_3);
          {
            var consequent_11 = ($$anchor5) => {
              var rect2 = root_22();
              template_effect(
                ($0) => {
                  set_attribute(rect2, "x", i % get(view).grid);
                  set_attribute(rect2, "y", $0);
                },
                [() => Math.floor(i / get(view).grid)]
              );
              append($$anchor5, rect2);
            };
            if_block(node_17, ($$render) => {
              if (!get(ctx).has(i) && !get(tgt).has(i)) $$render(consequent_11);
            });
          }
          append($$anchor4, fragment_3);
        });
        var node_18 = sibling(node_16);
        each(node_18, 17, () => get(view).targets[b], index, ($$anchor4, block2, m) => {
          const rs = /* @__PURE__ */ user_derived(() => get(block2).map((i) => Math.floor(i / get(view).grid)));
          const cs = /* @__PURE__ */ user_derived(() => get(block2).map((i) => i % get(view).grid));
          var fragment_4 = root_23();
          var node_19 = first_child(fragment_4);
          each(node_19, 16, () => get(block2), (i) => i, ($$anchor5, i) => {
            var rect_1 = root_24();
            template_effect(
              ($0) => {
                set_attribute(rect_1, "x", i % get(view).grid);
                set_attribute(rect_1, "y", $0);
                set_attribute(rect_1, "fill", BLOCK_COLORS[m % BLOCK_COLORS.length]);
              },
              [() => Math.floor(i / get(view).grid)]
            );
            append($$anchor5, rect_1);
          });
          var rect_2 = sibling(node_19);
          template_effect(
            ($0, $1, $2, $3) => {
              set_attribute(rect_2, "x", $0);
              set_attribute(rect_2, "y", $1);
              set_attribute(rect_2, "width", $2);
              set_attribute(rect_2, "height", $3);
              set_attribute(rect_2, "stroke", BLOCK_COLORS[m % BLOCK_COLORS.length]);
            },
            [
              () => Math.min(...get(cs)),
              () => Math.min(...get(rs)),
              () => Math.max(...get(cs)) - Math.min(...get(cs)) + 1,
              () => Math.max(...get(rs)) - Math.min(...get(rs)) + 1
            ]
          );
          append($$anchor4, fragment_4);
        });
        var node_20 = sibling(node_18);
        each(node_20, 16, () => get(view).context[b], (i) => i, ($$anchor4, i) => {
          var rect_3 = root_25();
          template_effect(
            ($0) => {
              set_attribute(rect_3, "x", i % get(view).grid + 0.04);
              set_attribute(rect_3, "y", $0);
            },
            [() => Math.floor(i / get(view).grid) + 0.04]
          );
          append($$anchor4, rect_3);
        });
        var node_21 = sibling(div_22, 2);
        {
          var consequent_13 = ($$anchor4) => {
            var div_23 = root_26();
            var img_1 = child(div_23);
            var svg_1 = sibling(img_1, 2);
            each(svg_1, 20, () => cells(get(heat).grid), (i) => i, ($$anchor5, i) => {
              const v = /* @__PURE__ */ user_derived(() => get(heat).errors[b * get(heat).grid * get(heat).grid + i]);
              var fragment_5 = comment();
              var node_22 = first_child(fragment_5);
              {
                var consequent_12 = ($$anchor6) => {
                  var rect_4 = root_28();
                  var title = child(rect_4);
                  var text_13 = child(title);
                  template_effect(
                    ($0, $1, $2) => {
                      set_attribute(rect_4, "x", i % get(heat).grid);
                      set_attribute(rect_4, "y", $0);
                      set_attribute(rect_4, "fill-opacity", $1);
                      set_text(text_13, `error ${$2 ?? ""}`);
                    },
                    [
                      () => Math.floor(i / get(heat).grid),
                      () => 0.15 + 0.75 * heatAlpha(get(v)),
                      () => num(get(v))
                    ]
                  );
                  append($$anchor6, rect_4);
                };
                var alternate_2 = ($$anchor6) => {
                  var rect_5 = root_29();
                  template_effect(
                    ($0) => {
                      set_attribute(rect_5, "x", i % get(heat).grid);
                      set_attribute(rect_5, "y", $0);
                    },
                    [() => Math.floor(i / get(heat).grid)]
                  );
                  append($$anchor6, rect_5);
                };
                if_block(node_22, ($$render) => {
                  if (get(v) >= 0) $$render(consequent_12);
                  else $$render(alternate_2, false);
                });
              }
              append($$anchor5, fragment_5);
            });
            template_effect(
              ($0) => {
                set_attribute(img_1, "src", $0);
                set_attribute(img_1, "alt", `image ${get(idx) ?? ""}`);
                set_attribute(svg_1, "viewBox", `0 0 ${get(heat).grid ?? ""} ${get(heat).grid ?? ""}`);
              },
              [() => thumbUrl(get(view).dataset, get(idx), 4)]
            );
            append($$anchor4, div_23);
          };
          if_block(node_21, ($$render) => {
            if (get(heat) && get(heatMatches)) $$render(consequent_13);
          });
        }
        var figcaption = sibling(div_21, 2);
        var text_14 = child(figcaption);
        template_effect(
          ($0) => {
            set_attribute(img, "src", $0);
            set_attribute(img, "alt", `image ${get(idx) ?? ""}`);
            set_attribute(svg, "viewBox", `0 0 ${get(view).grid ?? ""} ${get(view).grid ?? ""}`);
            set_attribute(svg, "aria-label", `masks of image ${get(idx) ?? ""}`);
            set_text(text_14, `#${get(idx) ?? ""}${get(view).class_names[b] ? ` · ${get(view).class_names[b]}` : get(view).labels[b] !== null ? ` · ${get(view).labels[b]}` : ""} · ${get(view).context[b].length ?? ""} context, ${get(view).targets[b].length ?? ""}×${get(view).targets[b][0]?.length ?? 0 ?? ""} target`);
          },
          [() => thumbUrl(get(view).dataset, get(idx), 4)]
        );
        append($$anchor3, figure);
      });
      var node_23 = sibling(div_20, 2);
      {
        var consequent_14 = ($$anchor3) => {
          var div_24 = root_30();
          append($$anchor3, div_24);
        };
        if_block(node_23, ($$render) => {
          if (get(heat) && !get(heatMatches)) $$render(consequent_14);
        });
      }
      var node_24 = sibling(node_23, 2);
      {
        var consequent_15 = ($$anchor3) => {
          var div_25 = root_31();
          var text_15 = child(div_25);
          template_effect(($0, $1) => set_text(text_15, `error scale: ${$0 ?? ""} (faint) – ${$1 ?? ""} (strong), checkpoint step ${get(heat).checkpoint_step ?? ""}`), [
            () => num(get(heatRange)[0]),
            () => num(get(heatRange)[1])
          ]);
          append($$anchor3, div_25);
        };
        if_block(node_24, ($$render) => {
          if (get(heat) && get(heatMatches)) $$render(consequent_15);
        });
      }
      template_effect(() => set_attribute(div_20, "data-signature", get(signature)));
      append($$anchor2, fragment_2);
    };
    if_block(node_15, ($$render) => {
      if (get(view)) $$render(consequent_16);
    });
  }
  template_effect(
    ($0, $1, $2, $3, $4, $5, $6, $7) => {
      set_attribute(input, "aria-invalid", $0);
      set_attribute(input_1, "aria-invalid", $1);
      set_attribute(input_2, "aria-invalid", $2);
      set_attribute(input_3, "aria-invalid", $3);
      set_attribute(input_4, "aria-invalid", $4);
      set_attribute(input_5, "aria-invalid", $5);
      set_attribute(input_6, "aria-invalid", $6);
      set_attribute(input_7, "aria-invalid", $7);
    },
    [
      () => !!errFor("pred"),
      () => !!errFor("pred"),
      () => !!errFor("asp"),
      () => !!errFor("asp"),
      () => !!errFor("enc"),
      () => !!errFor("enc"),
      () => !!errFor("num_pred_masks"),
      () => !!errFor("min_keep")
    ]
  );
  bind_select_value(select, () => get(runId), ($$value) => set(runId, $$value));
  bind_select_value(select_2, () => get(dataset), ($$value) => set(dataset, $$value));
  bind_value(input, () => get(p).pred0, ($$value) => get(p).pred0 = $$value);
  bind_value(input_1, () => get(p).pred1, ($$value) => get(p).pred1 = $$value);
  bind_value(input_2, () => get(p).asp0, ($$value) => get(p).asp0 = $$value);
  bind_value(input_3, () => get(p).asp1, ($$value) => get(p).asp1 = $$value);
  bind_value(input_4, () => get(p).enc0, ($$value) => get(p).enc0 = $$value);
  bind_value(input_5, () => get(p).enc1, ($$value) => get(p).enc1 = $$value);
  bind_value(input_6, () => get(p).num_pred_masks, ($$value) => get(p).num_pred_masks = $$value);
  bind_value(input_7, () => get(p).min_keep, ($$value) => get(p).min_keep = $$value);
  bind_checked(input_8, () => get(p).allow_overlap, ($$value) => get(p).allow_overlap = $$value);
  bind_value(input_9, () => get(seed), ($$value) => set(seed, $$value));
  bind_value(input_10, () => get(count), ($$value) => set(count, $$value));
  append($$anchor, div);
  pop();
}
delegate(["change", "click"]);
var root_1$1 = /* @__PURE__ */ from_html(`<div class="field-error"> </div>`);
var root_2$1 = /* @__PURE__ */ from_html(`<span class="grow"><!></span>`);
var root_5$1 = /* @__PURE__ */ from_html(`<tr><td class="svelte-vj9mns"><code> </code></td><td class="svelte-vj9mns"> </td></tr>`);
var root_4$1 = /* @__PURE__ */ from_html(`<div class="skipped svelte-vj9mns" data-testid="import-skipped"><b> </b> <table class="svelte-vj9mns"><tbody></tbody></table></div>`);
var root_6 = /* @__PURE__ */ from_html(`<div class="muted small">no file was skipped</div>`);
var root_3$1 = /* @__PURE__ */ from_html(`<div class="report svelte-vj9mns" data-testid="import-report"><div class="ok svelte-vj9mns">Imported <b> </b> </div> <!></div>`);
var root_8 = /* @__PURE__ */ from_html(`<button type="button" class="small danger" data-testid="delete-dataset">Delete</button>`);
var root_7$1 = /* @__PURE__ */ from_html(`<tr data-testid="dataset-row"><td><button type="button" class="link"> </button> <span class="muted small"> </span></td><td class="num"> </td><td class="tabnums"> </td><td class="num"> </td><td class="num"> </td><td class="num"> </td><td class="muted"> </td><td><!></td></tr>`);
var root_9 = /* @__PURE__ */ from_html(`<span class="muted small"> </span>`);
var root_10 = /* @__PURE__ */ from_html(`<div class="thumbs svelte-vj9mns" data-testid="thumbs"></div>`);
var root$1 = /* @__PURE__ */ from_html(`<div class="cols svelte-vj9mns"><section class="left svelte-vj9mns"><h2>Datasets</h2> <form class="panel svelte-vj9mns" data-testid="import-form"><h3>Import</h3> <p class="muted small svelte-vj9mns">An image folder (one sub-folder per class gives labels; files that cannot be decoded are skipped and listed) or an MNIST-format IDX file. The path is on this computer.</p> <label class="full svelte-vj9mns"><span class="svelte-vj9mns">folder or IDX file</span><input type="text" placeholder="/path/to/images" data-testid="import-path" required/></label> <div class="row"><label class="svelte-vj9mns"><span class="svelte-vj9mns">name</span><input type="text" data-testid="import-name"/></label> <label class="svelte-vj9mns"><span class="svelte-vj9mns">size (px)</span><input type="text" inputmode="numeric" placeholder="auto" data-testid="import-size" class="narrow svelte-vj9mns"/></label> <label class="svelte-vj9mns"><span class="svelte-vj9mns">channels</span> <select data-testid="import-channels"><option>auto</option><option>1 (gray)</option><option>3 (RGB)</option></select></label></div> <label class="full svelte-vj9mns"><span class="svelte-vj9mns">IDX labels file (optional)</span><input type="text" placeholder="/path/to/train-labels-idx1-ubyte" data-testid="import-labels"/></label> <!> <div class="row foot svelte-vj9mns"><button type="submit" class="primary" data-testid="import-submit"> </button> <!></div> <!> <!></form> <div class="panel tablewrap svelte-vj9mns"><!> <table data-testid="datasets-table"><thead><tr><th>name</th><th class="num">images</th><th>shape</th><th class="num">classes</th><th class="num">train / held out</th><th class="num">skipped</th><th>created</th><th></th></tr></thead><tbody></tbody></table></div></section> <section class="panel browser svelte-vj9mns"><div class="row"><h3> </h3> <!> <span class="grow"></span> <select data-testid="browse-split"><option>all</option><option>train</option><option>held out</option></select> <button type="button" class="small" data-testid="browse-prev">‹ prev</button> <span class="muted small tabnums"> </span> <button type="button" class="small" data-testid="browse-next">next ›</button></div> <!> <!></section></div> <!>`, 1);
function Datasets($$anchor, $$props) {
  push($$props, true);
  let path = /* @__PURE__ */ state("");
  let name = /* @__PURE__ */ state("");
  let size = /* @__PURE__ */ state("");
  let channels = /* @__PURE__ */ state("");
  let labels = /* @__PURE__ */ state("");
  let importing = /* @__PURE__ */ state(false);
  let importName = /* @__PURE__ */ state(null);
  let importError = /* @__PURE__ */ state(null);
  let imported = /* @__PURE__ */ state(null);
  let browse = /* @__PURE__ */ state(proxy(router.route.params.get("dataset") ?? labState.datasets[0]?.name ?? null));
  let split = /* @__PURE__ */ state("all");
  let offset = /* @__PURE__ */ state(0);
  const limit = 96;
  let page = /* @__PURE__ */ state(null);
  let browseError = /* @__PURE__ */ state(null);
  let toDelete = /* @__PURE__ */ state(null);
  let confirmOpen = /* @__PURE__ */ state(false);
  let listError = /* @__PURE__ */ state(null);
  const sizeError = /* @__PURE__ */ user_derived(() => get(size).trim() !== "" && !(Number.isInteger(Number(get(size))) && Number(get(size)) >= 4 && Number(get(size)) <= 1024) ? `size must be an integer from 4 to 1024 pixels, got "${get(size)}"` : null);
  const progress = /* @__PURE__ */ user_derived(() => get(importName) ? labState.imports[get(importName)] : void 0);
  const defaultName = (p) => p.replace(/[\\/]+$/, "").split(/[\\/]/).pop().replace(/(-images)?(\.idx\d?-ubyte)?(\.gz)?$/i, "");
  async function doImport(ev) {
    ev.preventDefault();
    if (!get(path).trim() || get(sizeError) || get(importing)) return;
    set(importing, true);
    set(importError, null);
    set(imported, null);
    set(importName, get(name).trim() || defaultName(get(path).trim()), true);
    try {
      const d = await lab.importDataset({
        path: get(path).trim(),
        name: get(name).trim() || void 0,
        size: get(size).trim() ? Number(get(size)) : void 0,
        channels: get(channels) ? Number(get(channels)) : void 0,
        labels: get(labels).trim() || void 0
      });
      set(imported, d, true);
      await labState.refreshDatasets();
      set(browse, d.name, true);
      set(offset, 0);
    } catch (e) {
      set(importError, e, true);
    } finally {
      set(importing, false);
    }
  }
  async function loadPage() {
    if (!get(browse)) {
      set(page, null);
      return;
    }
    try {
      set(
        page,
        await lab.datasetImages({
          dataset: get(browse),
          offset: get(offset),
          limit,
          split: get(split)
        }),
        true
      );
      set(browseError, null);
    } catch (e) {
      set(browseError, e, true);
      set(page, null);
    }
  }
  user_effect(() => {
    void [get(browse), get(offset), get(split)];
    loadPage();
  });
  async function doDelete() {
    const d = get(toDelete);
    if (!d) return;
    set(listError, null);
    try {
      await lab.deleteDataset({ name: d.name });
      await labState.refreshDatasets();
      if (get(browse) === d.name) set(browse, labState.datasets[0]?.name ?? null, true);
    } catch (e) {
      set(listError, e, true);
    }
  }
  const caption = (it) => it.class_name ?? (it.label !== null ? String(it.label) : `#${it.index}`);
  var fragment = root$1();
  var div = first_child(fragment);
  var section = child(div);
  var form = sibling(child(section), 2);
  var label = sibling(child(form), 4);
  var input = sibling(child(label));
  var div_1 = sibling(label, 2);
  var label_1 = child(div_1);
  var input_1 = sibling(child(label_1));
  var label_2 = sibling(label_1, 2);
  var input_2 = sibling(child(label_2));
  var label_3 = sibling(label_2, 2);
  var select = sibling(child(label_3), 2);
  var option = child(select);
  option.value = option.__value = "";
  var option_1 = sibling(option);
  option_1.value = option_1.__value = "1";
  var option_2 = sibling(option_1);
  option_2.value = option_2.__value = "3";
  var label_4 = sibling(div_1, 2);
  var input_3 = sibling(child(label_4));
  var node = sibling(label_4, 2);
  {
    var consequent = ($$anchor2) => {
      var div_2 = root_1$1();
      var text2 = child(div_2);
      template_effect(() => set_text(text2, get(sizeError)));
      append($$anchor2, div_2);
    };
    if_block(node, ($$render) => {
      if (get(sizeError)) $$render(consequent);
    });
  }
  var div_3 = sibling(node, 2);
  var button = child(div_3);
  var text_1 = child(button);
  var node_1 = sibling(button, 2);
  {
    var consequent_1 = ($$anchor2) => {
      var span = root_2$1();
      var node_2 = child(span);
      {
        let $0 = /* @__PURE__ */ user_derived(() => get(progress)?.done ?? 0);
        let $1 = /* @__PURE__ */ user_derived(() => get(progress)?.total ?? 1);
        let $2 = /* @__PURE__ */ user_derived(() => get(progress) ? `${get(progress).done}/${get(progress).total} files` : "reading…");
        ProgressBar(node_2, {
          get value() {
            return get($0);
          },
          get max() {
            return get($1);
          },
          get label() {
            return get($2);
          },
          testid: "import-progress"
        });
      }
      append($$anchor2, span);
    };
    if_block(node_1, ($$render) => {
      if (get(importing)) $$render(consequent_1);
    });
  }
  var node_3 = sibling(div_3, 2);
  ErrorBox(node_3, {
    get error() {
      return get(importError);
    },
    ondismiss: () => set(importError, null)
  });
  var node_4 = sibling(node_3, 2);
  {
    var consequent_3 = ($$anchor2) => {
      var div_4 = root_3$1();
      var div_5 = child(div_4);
      var b = sibling(child(div_5));
      var text_2 = child(b);
      var text_3 = sibling(b);
      var node_5 = sibling(div_5, 2);
      {
        var consequent_2 = ($$anchor3) => {
          var div_6 = root_4$1();
          var b_1 = child(div_6);
          var text_4 = child(b_1);
          var table = sibling(b_1, 2);
          var tbody = child(table);
          each(tbody, 21, () => get(imported).report.skipped, (s) => s.path, ($$anchor4, s) => {
            var tr = root_5$1();
            var td = child(tr);
            var code = child(td);
            var text_5 = child(code);
            var td_1 = sibling(td);
            var text_6 = child(td_1);
            template_effect(() => {
              set_text(text_5, get(s).path);
              set_text(text_6, get(s).reason);
            });
            append($$anchor4, tr);
          });
          template_effect(() => set_text(text_4, `Skipped ${get(imported).report.skipped.length ?? ""} file${get(imported).report.skipped.length === 1 ? "" : "s"}:`));
          append($$anchor3, div_6);
        };
        var alternate = ($$anchor3) => {
          var div_7 = root_6();
          append($$anchor3, div_7);
        };
        if_block(node_5, ($$render) => {
          if (get(imported).report?.skipped.length) $$render(consequent_2);
          else $$render(alternate, false);
        });
      }
      template_effect(() => {
        set_text(text_2, get(imported).name);
        set_text(text_3, `: ${get(imported).count ?? ""} images ${get(imported).size ?? ""}×${get(imported).size ?? ""}×${get(imported).channels ?? ""}, ${get(imported).labeled ? `${get(imported).classes?.length ?? "?"} classes` : "unlabeled"}, ${get(imported).train_count ?? ""} train / ${get(imported).held_out_count ?? ""} held out.`);
      });
      append($$anchor2, div_4);
    };
    if_block(node_4, ($$render) => {
      if (get(imported)) $$render(consequent_3);
    });
  }
  var div_8 = sibling(form, 2);
  var node_6 = child(div_8);
  ErrorBox(node_6, {
    get error() {
      return get(listError);
    },
    ondismiss: () => set(listError, null)
  });
  var table_1 = sibling(node_6, 2);
  var tbody_1 = sibling(child(table_1));
  each(tbody_1, 21, () => labState.datasets, (d) => d.id, ($$anchor2, d) => {
    var tr_1 = root_7$1();
    let classes;
    var td_2 = child(tr_1);
    var button_1 = child(td_2);
    button_1.__click = () => (set(browse, get(d).name, true), set(offset, 0));
    var text_7 = child(button_1);
    var span_1 = sibling(button_1, 2);
    var text_8 = child(span_1);
    var td_3 = sibling(td_2);
    var text_9 = child(td_3);
    var td_4 = sibling(td_3);
    var text_10 = child(td_4);
    var td_5 = sibling(td_4);
    var text_11 = child(td_5);
    var td_6 = sibling(td_5);
    var text_12 = child(td_6);
    var td_7 = sibling(td_6);
    var text_13 = child(td_7);
    var td_8 = sibling(td_7);
    var text_14 = child(td_8);
    var td_9 = sibling(td_8);
    var node_7 = child(td_9);
    {
      var consequent_4 = ($$anchor3) => {
        var button_2 = root_8();
        button_2.__click = () => (set(toDelete, get(d), true), set(confirmOpen, true));
        append($$anchor3, button_2);
      };
      if_block(node_7, ($$render) => {
        if (get(d).kind !== "bundled") $$render(consequent_4);
      });
    }
    template_effect(
      ($0) => {
        set_attribute(tr_1, "data-name", get(d).name);
        classes = set_class(tr_1, 1, "svelte-vj9mns", null, classes, { sel: get(browse) === get(d).name });
        set_text(text_7, get(d).name);
        set_text(text_8, get(d).kind);
        set_text(text_9, get(d).count);
        set_text(text_10, `${get(d).size ?? ""}×${get(d).size ?? ""}×${get(d).channels ?? ""}`);
        set_text(text_11, get(d).classes?.length ?? (get(d).labeled ? "?" : "—"));
        set_text(text_12, `${get(d).train_count ?? ""} / ${get(d).held_out_count ?? ""}`);
        set_text(text_13, get(d).report?.skipped.length ?? 0);
        set_text(text_14, $0);
      },
      [() => dateTime(get(d).created_at)]
    );
    append($$anchor2, tr_1);
  });
  var section_1 = sibling(section, 2);
  var div_9 = child(section_1);
  var h3 = child(div_9);
  var text_15 = child(h3);
  var node_8 = sibling(h3, 2);
  {
    var consequent_5 = ($$anchor2) => {
      var span_2 = root_9();
      var text_16 = child(span_2);
      template_effect(() => set_text(text_16, `${get(page).total ?? ""} images`));
      append($$anchor2, span_2);
    };
    if_block(node_8, ($$render) => {
      if (get(page)) $$render(consequent_5);
    });
  }
  var select_1 = sibling(node_8, 4);
  select_1.__change = () => set(offset, 0);
  var option_3 = child(select_1);
  option_3.value = option_3.__value = "all";
  var option_4 = sibling(option_3);
  option_4.value = option_4.__value = "train";
  var option_5 = sibling(option_4);
  option_5.value = option_5.__value = "held_out";
  var button_3 = sibling(select_1, 2);
  button_3.__click = () => set(offset, Math.max(0, get(offset) - limit), true);
  var span_3 = sibling(button_3, 2);
  var text_17 = child(span_3);
  var button_4 = sibling(span_3, 2);
  button_4.__click = () => set(offset, get(offset) + limit);
  var node_9 = sibling(div_9, 2);
  ErrorBox(node_9, {
    get error() {
      return get(browseError);
    }
  });
  var node_10 = sibling(node_9, 2);
  {
    var consequent_6 = ($$anchor2) => {
      var div_10 = root_10();
      each(div_10, 21, () => get(page).items, (it) => it.index, ($$anchor3, it) => {
        {
          let $0 = /* @__PURE__ */ user_derived(() => caption(get(it)));
          Thumb($$anchor3, {
            get dataset() {
              return get(browse);
            },
            get index() {
              return get(it).index;
            },
            size: 56,
            get caption() {
              return get($0);
            }
          });
        }
      });
      append($$anchor2, div_10);
    };
    if_block(node_10, ($$render) => {
      if (get(page) && get(browse)) $$render(consequent_6);
    });
  }
  var node_11 = sibling(div, 2);
  {
    let $0 = /* @__PURE__ */ user_derived(() => get(toDelete)?.name);
    ConfirmDialog(node_11, {
      get title() {
        return `Delete dataset ${get($0) ?? ""}?`;
      },
      message: "Its imported images are removed from the lab (the original files are not touched).",
      onconfirm: doDelete,
      get open() {
        return get(confirmOpen);
      },
      set open($$value) {
        set(confirmOpen, $$value, true);
      }
    });
  }
  template_effect(
    ($0, $1, $2) => {
      set_attribute(input_1, "placeholder", $0);
      set_attribute(input_2, "aria-invalid", !!get(sizeError));
      button.disabled = $1;
      set_text(text_1, get(importing) ? "Importing…" : "Import");
      set_text(text_15, get(browse) ?? "no dataset");
      button_3.disabled = get(offset) === 0;
      set_text(text_17, $2);
      button_4.disabled = !get(page) || get(offset) + limit >= get(page).total;
    },
    [
      () => get(path) ? defaultName(get(path)) : "from the path",
      () => !get(path).trim() || !!get(sizeError) || get(importing),
      () => get(page) ? `${get(page).total ? get(offset) + 1 : 0}–${Math.min(get(offset) + limit, get(page).total)}` : ""
    ]
  );
  event("submit", form, doImport);
  bind_value(input, () => get(path), ($$value) => set(path, $$value));
  bind_value(input_1, () => get(name), ($$value) => set(name, $$value));
  bind_value(input_2, () => get(size), ($$value) => set(size, $$value));
  bind_select_value(select, () => get(channels), ($$value) => set(channels, $$value));
  bind_value(input_3, () => get(labels), ($$value) => set(labels, $$value));
  bind_select_value(select_1, () => get(split), ($$value) => set(split, $$value));
  append($$anchor, fragment);
  pop();
}
delegate(["click", "change"]);
var root_1 = /* @__PURE__ */ from_html(`<a> </a>`);
var root_2 = /* @__PURE__ */ from_html(`<span class="muted small svelte-1dqqwni"> </span>`);
var root_3 = /* @__PURE__ */ from_html(`<span class="conn svelte-1dqqwni" data-testid="connection"> </span>`);
var root_4 = /* @__PURE__ */ from_html(`<span class="muted small svelte-1dqqwni"> </span>`);
var root_5 = /* @__PURE__ */ from_html(`<div class="fatal svelte-1dqqwni" role="alert" data-testid="fatal"> </div>`);
var root_7 = /* @__PURE__ */ from_html(`<div class="muted">loading…</div>`);
var root = /* @__PURE__ */ from_html(`<header class="svelte-1dqqwni"><a class="brand svelte-1dqqwni" href="#/runs">JEPA Lab</a> <nav class="svelte-1dqqwni"></nav> <span class="grow"></span> <!> <!> <!></header> <main class="svelte-1dqqwni"><!></main>`, 1);
function App($$anchor, $$props) {
  push($$props, true);
  onMount(() => {
    labState.init();
  });
  const nav2 = [
    ["runs", "Runs"],
    ["compare", "Compare"],
    ["neighbours", "Neighbours"],
    ["masks", "Masks"],
    ["datasets", "Datasets"]
  ];
  const active = /* @__PURE__ */ user_derived(() => router.route.screen === "run" ? "runs" : router.route.screen);
  const running = /* @__PURE__ */ user_derived(() => labState.runs.filter((r2) => r2.status === "running").length);
  var fragment = root();
  var header = first_child(fragment);
  var nav_1 = sibling(child(header), 2);
  each(nav_1, 21, () => nav2, ([key2, label]) => key2, ($$anchor2, $$item) => {
    var $$array = /* @__PURE__ */ user_derived(() => to_array(get($$item), 2));
    let key2 = () => get($$array)[0];
    let label = () => get($$array)[1];
    var a = root_1();
    let classes;
    var text2 = child(a);
    template_effect(() => {
      set_attribute(a, "href", `#/${key2() ?? ""}`);
      set_attribute(a, "data-testid", `nav-${key2() ?? ""}`);
      classes = set_class(a, 1, "svelte-1dqqwni", null, classes, { active: get(active) === key2() });
      set_text(text2, label());
    });
    append($$anchor2, a);
  });
  var node = sibling(nav_1, 4);
  {
    var consequent = ($$anchor2) => {
      var span = root_2();
      var text_1 = child(span);
      template_effect(() => set_text(text_1, `${get(running) ?? ""} training`));
      append($$anchor2, span);
    };
    if_block(node, ($$render) => {
      if (get(running)) $$render(consequent);
    });
  }
  var node_1 = sibling(node, 2);
  {
    var consequent_1 = ($$anchor2) => {
      var span_1 = root_3();
      var text_2 = child(span_1);
      template_effect(() => set_text(text_2, labState.connection === "closed" ? "live updates stopped — reload the page" : "reconnecting…"));
      append($$anchor2, span_1);
    };
    if_block(node_1, ($$render) => {
      if (labState.connection !== "open") $$render(consequent_1);
    });
  }
  var node_2 = sibling(node_1, 2);
  {
    var consequent_2 = ($$anchor2) => {
      var span_2 = root_4();
      var text_3 = child(span_2);
      template_effect(() => {
        set_attribute(span_2, "title", labState.info.home);
        set_text(text_3, labState.info.home);
      });
      append($$anchor2, span_2);
    };
    if_block(node_2, ($$render) => {
      if (labState.info) $$render(consequent_2);
    });
  }
  var main = sibling(header, 2);
  var node_3 = child(main);
  {
    var consequent_3 = ($$anchor2) => {
      var div = root_5();
      var text_4 = child(div);
      template_effect(() => set_text(text_4, labState.fatal));
      append($$anchor2, div);
    };
    var alternate_7 = ($$anchor2) => {
      var fragment_1 = comment();
      var node_4 = first_child(fragment_1);
      {
        var consequent_4 = ($$anchor3) => {
          var div_1 = root_7();
          append($$anchor3, div_1);
        };
        var alternate_6 = ($$anchor3) => {
          var fragment_2 = comment();
          var node_5 = first_child(fragment_2);
          {
            var consequent_5 = ($$anchor4) => {
              Runs($$anchor4, {});
            };
            var alternate_5 = ($$anchor4) => {
              var fragment_4 = comment();
              var node_6 = first_child(fragment_4);
              {
                var consequent_6 = ($$anchor5) => {
                  var fragment_5 = comment();
                  var node_7 = first_child(fragment_5);
                  key(node_7, () => router.route.id, ($$anchor6) => {
                    Run($$anchor6, {
                      get id() {
                        return router.route.id;
                      }
                    });
                  });
                  append($$anchor5, fragment_5);
                };
                var alternate_4 = ($$anchor5) => {
                  var fragment_7 = comment();
                  var node_8 = first_child(fragment_7);
                  {
                    var consequent_7 = ($$anchor6) => {
                      Compare($$anchor6, {});
                    };
                    var alternate_3 = ($$anchor6) => {
                      var fragment_9 = comment();
                      var node_9 = first_child(fragment_9);
                      {
                        var consequent_8 = ($$anchor7) => {
                          Neighbours($$anchor7, {});
                        };
                        var alternate_2 = ($$anchor7) => {
                          var fragment_11 = comment();
                          var node_10 = first_child(fragment_11);
                          {
                            var consequent_9 = ($$anchor8) => {
                              Masks($$anchor8, {});
                            };
                            var alternate_1 = ($$anchor8) => {
                              var fragment_13 = comment();
                              var node_11 = first_child(fragment_13);
                              {
                                var consequent_10 = ($$anchor9) => {
                                  Datasets($$anchor9, {});
                                };
                                var alternate = ($$anchor9) => {
                                  Runs($$anchor9, {});
                                };
                                if_block(
                                  node_11,
                                  ($$render) => {
                                    if (router.route.screen === "datasets") $$render(consequent_10);
                                    else $$render(alternate, false);
                                  },
                                  true
                                );
                              }
                              append($$anchor8, fragment_13);
                            };
                            if_block(
                              node_10,
                              ($$render) => {
                                if (router.route.screen === "masks") $$render(consequent_9);
                                else $$render(alternate_1, false);
                              },
                              true
                            );
                          }
                          append($$anchor7, fragment_11);
                        };
                        if_block(
                          node_9,
                          ($$render) => {
                            if (router.route.screen === "neighbours") $$render(consequent_8);
                            else $$render(alternate_2, false);
                          },
                          true
                        );
                      }
                      append($$anchor6, fragment_9);
                    };
                    if_block(
                      node_8,
                      ($$render) => {
                        if (router.route.screen === "compare") $$render(consequent_7);
                        else $$render(alternate_3, false);
                      },
                      true
                    );
                  }
                  append($$anchor5, fragment_7);
                };
                if_block(
                  node_6,
                  ($$render) => {
                    if (router.route.screen === "run" && router.route.id !== null) $$render(consequent_6);
                    else $$render(alternate_4, false);
                  },
                  true
                );
              }
              append($$anchor4, fragment_4);
            };
            if_block(
              node_5,
              ($$render) => {
                if (router.route.screen === "runs") $$render(consequent_5);
                else $$render(alternate_5, false);
              },
              true
            );
          }
          append($$anchor3, fragment_2);
        };
        if_block(
          node_4,
          ($$render) => {
            if (!labState.loaded) $$render(consequent_4);
            else $$render(alternate_6, false);
          },
          true
        );
      }
      append($$anchor2, fragment_1);
    };
    if_block(node_3, ($$render) => {
      if (labState.fatal) $$render(consequent_3);
      else $$render(alternate_7, false);
    });
  }
  append($$anchor, fragment);
  pop();
}
mount(App, { target: document.getElementById("app") });
