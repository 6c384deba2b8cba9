-- rollout.host: binds strategy scripts to the engine. Host code, loaded once per Lua state
-- with the host-only helpers (`where`) as its argument; strategies never see this module.
--
-- Each step runs a script's chunk afresh in a fresh global environment, so script globals
-- and module-level locals never survive from one step to the next: ctx.state is the only
-- memory. Stock strategies (trusted code compiled into the binary, whose module locals hold
-- only functions and constant tables, and which set no globals) run their chunk once.
--
-- The engine writes `ctx` itself, with the Context and ReplicaSet metatables below already
-- set on ctx and on every ReplicaSet handle (see LuaStrategy+FastPath.swift).
local host = {}
local hostlib = ...

local error, type, tostring, ipairs, getmetatable = error, type, tostring, ipairs, getmetatable
local setmetatable, load, pcall = setmetatable, load, pcall
local math_type, tointeger = math.type, math.tointeger
local format = string.format
local base = _ENV
-- "canary.lua:42" for the Lua function `level` frames above where's caller (C, no raising).
local where = hostlib.where

-- The decision being built by the step in progress, and how many entries its flat `scale`
-- list has: name, replicas, origin for each operation, in order (one table per step, not one
-- per operation; LuaStrategy+DecisionReader.swift reads it).
local current, scaled

-- What a script passed, for an error message: the number itself, else its type.
local function shown(value)
  if type(value) == "number" then return tostring(value) end
  if type(value) == "string" then return format("string %q", value) end
  return type(value)
end

-- Raises "`fn`: argument `n` (`name`) `rule`, got `value`" at the caller `level` frames up:
-- `ctx:setStep: argument 2 (total) must be a whole number, got nil`.
local function argumentError(fn, n, name, rule, value, level)
  error(format("%s: argument %d (%s) %s, got %s", fn, n, name, rule, shown(value)), level + 1)
end

-- `value` as an integer if it is a whole number; raises naming argument `n` of `fn` if not.
local function count(value, fn, n, name, level)
  local kind = math_type(value)
  if kind == "float" and value == value // 1 then
    return tointeger(value)
  elseif kind ~= "integer" then
    argumentError(fn, n, name, "must be a whole number", value, level + 1)
  end
  return value
end

--- A ReplicaSet handle: the counts of the snapshot plus `:scale(n)`.
local ReplicaSet = {}
ReplicaSet.__index = ReplicaSet
-- Shared by every deployment a state serves: scripts must not reach it (getmetatable). This
-- also makes it the mark of a handle: only the engine sets it, and no script can set it on a
-- table of its own or take it off a handle.
ReplicaSet.__metatable = "rollout.ReplicaSet"
host.ReplicaSet = ReplicaSet

--- Sets this ReplicaSet to `n` replicas. Later reads of `replicas` in the same step see `n`.
function ReplicaSet:scale(n)
  if math_type(n) ~= "integer" then n = count(n, self.name .. ":scale", 1, "n", 2) end
  if n < 0 then
    error(format("%s:scale(%d): a replica count cannot be negative", self.name, n), 2)
  end
  local scale = current.scale
  if scale == nil then
    scale = {}
    current.scale = scale
  end
  local k = scaled
  scale[k + 1], scale[k + 2], scale[k + 3] = self.name, n, where(2)
  scaled = k + 3
  self.replicas = n
end

--- The strategy context: the snapshot plus the decision primitives.
local Context = {}
Context.__index = Context
Context.__metatable = "rollout.Context"
host.Context = Context

--- Stops the rollout here with `reason` until promoted, or for `seconds` when given.
function Context:pause(reason, seconds)
  if type(reason) ~= "string" or reason == "" then
    argumentError("ctx:pause", 1, "reason", "must be a reason string such as \"Bake\"", reason, 2)
  end
  if seconds ~= nil and (type(seconds) ~= "number" or seconds < 0 or seconds ~= seconds) then
    argumentError("ctx:pause", 2, "seconds", "must be nil or zero or more seconds", seconds, 2)
  end
  current.pause = { reason = reason, seconds = seconds }
end

--- Says what the strategy is doing (shown in status and the timeline).
function Context:message(text)
  current.message = tostring(text)
end
Context.progress = Context.message

--- Says the strategy has nothing more to do for this revision.
function Context:finish()
  current.complete = true
end

--- Asks to be called again after `seconds` even if nothing changes.
function Context:requeue(seconds)
  if type(seconds) ~= "number" or not (seconds > 0) then
    argumentError("ctx:requeue", 1, "seconds", "must be more than 0 seconds", seconds, 2)
  end
  current.requeueAfter = seconds
end

--- Points Service `name` at ReplicaSet `rs` (pins its pod-template-hash), or at every version
--- when `rs` is nil.
function Context:pointService(name, rs)
  if type(name) ~= "string" then
    argumentError("ctx:pointService", 1, "name", "must be a Service name", name, 2)
  end
  if self.services[name] == nil then
    error(format("ctx:pointService: no Service %q in the namespace", name), 2)
  end
  if rs ~= nil and getmetatable(rs) ~= "rollout.ReplicaSet" then
    argumentError("ctx:pointService", 2, "rs", "must be a ReplicaSet handle (ctx.newRS) or nil", rs, 2)
  end
  local decision = current
  local services = decision.services
  if services == nil then
    services = {}
    decision.services = services
  end
  services[#services + 1] = { service = name, replicaSet = rs and rs.name, origin = where(2) }
  self.services[name].replicaSet = rs and rs.name
end

--- The share of traffic the new version should get, 0 to 100 (shown in status).
function Context:setWeight(percent)
  percent = count(percent, "ctx:setWeight", 1, "percent", 2)
  if percent < 0 or percent > 100 then
    error(format("ctx:setWeight(%d): a weight is a percentage, 0 to 100", percent), 2)
  end
  current.weight = percent
end

--- Where the strategy is in its plan: step `index` of `total` (shown as "step 3/8").
function Context:setStep(index, total)
  current.step = {
    index = count(index, "ctx:setStep", 1, "index", 2),
    count = count(total, "ctx:setStep", 2, "total", 2),
  }
end

-- A template reference: a name, or {templateName = name, clusterScope = true}.
local function templateRef(ref, level)
  if type(ref) == "string" then return { templateName = ref } end
  if type(ref) == "table" and type(ref.templateName) == "string" then
    return { templateName = ref.templateName, clusterScope = ref.clusterScope and true or nil }
  end
  argumentError("ctx:analyze", 2, "spec.templates",
    "must list template names or {templateName = name}", ref, level + 1)
end

-- Arguments: {name = value}, or Argo's list of {name = , value = } / {name = , valueFrom = }.
local function analysisArgs(args, level)
  if args == nil then return nil end
  if type(args) ~= "table" then
    argumentError("ctx:analyze", 2, "spec.args", "must be a table of arguments", args, level + 1)
  end
  local list = {}
  if #args > 0 then
    for _, arg in ipairs(args) do
      if type(arg) ~= "table" or type(arg.name) ~= "string" then
        argumentError("ctx:analyze", 2, "spec.args", "must list {name = , value = } tables", arg,
          level + 1)
      end
      local value = arg.value
      if value ~= nil then value = tostring(value) end
      list[#list + 1] = { name = arg.name, value = value, valueFrom = arg.valueFrom }
    end
  else
    local names = {}
    for name in pairs(args) do names[#names + 1] = tostring(name) end
    table.sort(names)
    for _, name in ipairs(names) do
      list[#list + 1] = { name = name, value = tostring(args[name]) }
    end
  end
  if #list == 0 then return nil end
  return list
end

--- Starts the analysis run `label` for this revision unless one of that label exists:
--- spec.templates (template names, or {templateName = , clusterScope = }), spec.args
--- ({name = value}, or Argo's list), spec.subject (a ReplicaSet handle to analyse; the new one
--- when absent), spec.enforce (false: the strategy judges the outcome; by default a failed
--- run aborts the rollout and an inconclusive one pauses it) and spec.wait (true: the rollout
--- waits for the run, so no progress deadline runs meanwhile, as during a pause). Its
--- measurements appear in ctx.analysis[label] at the following steps.
function Context:analyze(label, spec)
  if type(label) ~= "string" or label == "" then
    argumentError("ctx:analyze", 1, "label", "must be a name such as \"step-3\"", label, 2)
  end
  if type(spec) ~= "table" or type(spec.templates) ~= "table" or #spec.templates == 0 then
    argumentError("ctx:analyze", 2, "spec", "must be a table with templates = {names}", spec, 2)
  end
  if spec.subject ~= nil and getmetatable(spec.subject) ~= "rollout.ReplicaSet" then
    argumentError("ctx:analyze", 2, "spec.subject", "must be a ReplicaSet handle (ctx.stableRS)",
      spec.subject, 2)
  end
  local templates = {}
  for index, ref in ipairs(spec.templates) do templates[index] = templateRef(ref, 2) end
  local decision = current
  local analyses = decision.analyses
  if analyses == nil then
    analyses = {}
    decision.analyses = analyses
  end
  analyses[#analyses + 1] = {
    label = label, templates = templates, args = analysisArgs(spec.args, 2),
    subject = spec.subject and spec.subject.name, enforced = spec.enforce ~= false,
    wait = spec.wait == true or nil, origin = where(2),
  }
  -- Later reads in the same step see the run, Pending (as `replicas` after `scale`).
  if self.analysis[label] == nil then
    self.analysis[label] = { label = label, name = label, phase = "Pending", metrics = {} }
  end
end

--- Stops the analysis run `label` (its running metrics complete as Successful).
function Context:stopAnalysis(label)
  if type(label) ~= "string" then
    argumentError("ctx:stopAnalysis", 1, "label", "must be a run's label", label, 2)
  end
  local decision = current
  local stops = decision.stopAnalyses
  if stops == nil then
    stops = {}
    decision.stopAnalyses = stops
  end
  stops[#stops + 1] = label
end

--- Aborts the rollout back to stable, saying why (the strategy's own judgement).
function Context:abort(message)
  if type(message) ~= "string" or message == "" then
    argumentError("ctx:abort", 1, "message", "must say why", message, 2)
  end
  current.abort = message
end

--- The ReplicaSet handle named `name`, or nil.
function Context:replicaSet(name)
  if self.newRS.name == name then return self.newRS end
  for _, rs in ipairs(self.oldRSs) do
    if rs.name == name then return rs end
  end
  return nil
end

--- Every ReplicaSet handle, the new one first.
function Context:allRSs()
  local all = { self.newRS }
  for _, rs in ipairs(self.oldRSs) do all[#all + 1] = rs end
  return all
end

-- What a chunk declares: the `envelope`, `supports` and `params` fields of its module table, or
-- globals of those names (for scripts that define a global step). Runs the chunk once; a chunk
-- that fails here is reported at its first step.
local function declarations(chunk, proxy, scratchMeta)
  local scratch = setmetatable({}, scratchMeta)
  proxy.__index, proxy.__newindex = scratch, scratch
  local ok, module = pcall(chunk)
  if not ok then return nil, nil, nil end
  local envelope, supports, params
  if type(module) == "table" then
    envelope, supports, params = module.envelope, module.supports, module.params
  end
  if envelope == nil then envelope = scratch.envelope end
  if supports == nil then supports = scratch.supports end
  if params == nil then params = scratch.params end
  if envelope ~= nil and type(envelope) ~= "table" then
    error("envelope must be a table such as {maxSurge = \"100%\", maxUnavailable = 0}", 0)
  end
  if supports ~= nil and type(supports) ~= "table" then
    error("supports must be a table such as {abort = false}", 0)
  end
  if params ~= nil and type(params) ~= "table" then
    error("params must be a table of parameter names, such as {steps = \"the plan\"}", 0)
  end
  return envelope, supports, params
end

-- A function running `step` on a ctx and returning the decision table.
local function runner(step)
  return function(ctx)
    -- Sized for the fields most steps set, so it does not grow field by field.
    local decision = { scale = nil, message = nil, complete = nil, state = nil }
    current, scaled = decision, 0
    step(ctx)
    current = nil
    decision.state = ctx.state
    return decision
  end
end

-- Runs `chunk` in a fresh global environment; returns its step function.
local function instantiate(chunk, proxy, scratchMeta, name)
  local scratch = setmetatable({}, scratchMeta)
  proxy.__index, proxy.__newindex = scratch, scratch
  local module = chunk()
  local step = type(module) == "table" and module.step or scratch.step
  if type(step) ~= "function" then
    error(name .. ": no step function: return a table with step(ctx), or define step(ctx)", 0)
  end
  return step
end

--- Compiles `source`; `chunkname` is how errors name it ("@canary.lua"). `trusted`: a stock
--- strategy, whose chunk runs once, not at every step. Sets `host.step`, the function the
--- engine calls with each step's ctx, which returns the decision table (one strategy per
--- state). Returns the envelope, the `supports` table and the parameters the strategy declares
--- (each nil when it declares none).
function host.bind(source, chunkname, trusted)
  local proxy = { __metatable = "rollout.environment" }
  local env = setmetatable({}, proxy)
  local chunk, err = load(source, chunkname, "t", env)
  if not chunk then error(err, 0) end
  local scratchMeta = { __index = base, __metatable = "rollout.environment" }
  local name = chunkname:gsub("^[@=]", "")
  local envelope, supports, params = declarations(chunk, proxy, scratchMeta)
  local ok, step = false, nil
  if trusted then ok, step = pcall(instantiate, chunk, proxy, scratchMeta, name) end
  if ok then
    host.step = runner(step)
  else
    host.step = runner(function(ctx) return instantiate(chunk, proxy, scratchMeta, name)(ctx) end)
  end
  return envelope, supports, params
end

return host
