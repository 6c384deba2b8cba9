---@meta rollout
-- Lua Language Server definitions for rollout strategies (docs/strategies.md). Not loaded by the
-- engine: editors read it for completion and type checks. The repository's .luarc.json points
-- LuaLS at this file; in your own project add it to "workspace.library".

---@alias rollout.Count integer                 a number of pods
---@alias rollout.CountOrPercent integer|string a count, or a percentage such as "25%"

---The Deployment, as a strategy sees it.
---@class rollout.Deployment
---@field name string
---@field namespace string
---@field replicas rollout.Count desired replicas (spec.replicas)
---@field generation integer
---@field paused boolean spec.paused (`rollout pause`)
---@field minReadySeconds integer
---@field progressDeadlineSeconds integer
---@field strategyType string spec.strategy.type as written ("RollingUpdate" when absent)
---@field labels table<string, string>
---@field annotations table<string, string> without rollout.dev/state

---A ReplicaSet handle: its counts, plus `:scale(n)`.
---@class rollout.ReplicaSet
---@field name string
---@field revision integer
---@field replicas rollout.Count spec.replicas; after `:scale(n)` in this step, n
---@field currentReplicas rollout.Count pods that exist and are not terminating
---@field readyReplicas rollout.Count
---@field availableReplicas rollout.Count ready for at least minReadySeconds
---@field terminatingReplicas rollout.Count pods shutting down
---@field images string[]
---@field createdAt number cluster seconds
local ReplicaSet = {}

---Sets this ReplicaSet to `n` replicas (a whole number, 0 or more). Later reads of `replicas` in
---the same step see `n`. Scales are applied in order, all or none, after the step returns.
---@param n rollout.Count
function ReplicaSet:scale(n) end

---`maxSurge` and `maxUnavailable` of the manifest, resolved to pods as Kubernetes does.
---@class rollout.Fenceposts
---@field maxSurge rollout.Count
---@field maxUnavailable rollout.Count

---A Service in the Deployment's namespace.
---@class rollout.Service
---@field name string
---@field selector table<string, string>
---@field replicaSet string? the ReplicaSet its selector pins (pod-template-hash), nil for every version

---What operators asked since the rollout started.
---@class rollout.Operator
---@field promoted boolean `rollout promote` since the last step (seen by one step)
---@field promoteFull boolean `rollout promote --full`: skip the remaining steps
---@field aborted boolean `rollout abort`: go back to the stable ReplicaSet (until `rollout retry`)

---The strategy context: the snapshot of one step plus the decision primitives.
---One measurement of an analysis metric.
---@class rollout.Measurement
---@field phase "Successful"|"Failed"|"Inconclusive"|"Error"
---@field value number|number[]|string|nil the value (a Prometheus vector is a list); nil for an error
---@field text string? the value as Argo shows it ("[0.05]")
---@field at number cluster seconds
---@field message string? the provider's or the condition's error

---What an analysis metric's measurements came to.
---@class rollout.MetricResult
---@field phase "Pending"|"Running"|"Successful"|"Failed"|"Error"|"Inconclusive"
---@field count integer measurements that were not errors
---@field successful integer
---@field failed integer
---@field inconclusive integer
---@field error integer
---@field consecutiveError integer
---@field message string? why it completed so
---@field value number|number[]|string|nil the last value
---@field measurements rollout.Measurement[] the last 10, oldest first

---An analysis run the strategy started (`ctx:analyze`), with its measurements.
---@class rollout.AnalysisRun
---@field name string `<deployment>-<hash>-<revision>-<label>`
---@field label string
---@field phase "Pending"|"Running"|"Successful"|"Failed"|"Error"|"Inconclusive"
---@field message string? why it completed so
---@field subject string the ReplicaSet it analyses
---@field templates string[]
---@field enforced boolean whether the engine aborts on failure and pauses when inconclusive
---@field terminated boolean stopped before its metrics completed
---@field startedAt number
---@field finishedAt number?
---@field metrics table<string, rollout.MetricResult>

---What `ctx:analyze` takes.
---@class rollout.AnalysisSpec
---@field templates (string|{templateName: string, clusterScope: boolean?})[] AnalysisTemplates to run
---@field args table? {name = value}, or Argo's list {{name =, value =}} / {{name =, valueFrom =}}
---@field subject rollout.ReplicaSet? the ReplicaSet to analyse (default: ctx.newRS)
---@field enforce boolean? false: the strategy judges the outcome (default: a failed run aborts, an inconclusive one pauses)
---@field wait boolean? true: the rollout waits for the run; no progress deadline runs meanwhile

---@class rollout.Context
---@field deployment rollout.Deployment
---@field newRS rollout.ReplicaSet the ReplicaSet of the current pod template
---@field oldRSs rollout.ReplicaSet[] every other ReplicaSet, oldest first
---@field stableRS rollout.ReplicaSet? the ReplicaSet last fully rolled out (may be newRS after a rollback)
---@field fenceposts rollout.Fenceposts
---@field now number cluster clock, seconds
---@field state table your table, persisted between steps; starts empty for each revision
---@field params table the rollout.dev/strategy-params annotation and --param values
---@field services table<string, rollout.Service> Services of the namespace, by name
---@field operator rollout.Operator
---@field analysis table<string, rollout.AnalysisRun> this revision's analysis runs, by label
local Context = {}

---Stops the rollout here: until `rollout promote`, or for `seconds` when given.
---@param reason string CamelCase, shown in status (e.g. "CanaryPauseStep")
---@param seconds number?
function Context:pause(reason, seconds) end

---Says what the strategy is doing (status, the timeline, the decision log).
---@param text string
function Context:message(text) end

---Alias of `ctx:message`.
---@param text string
function Context:progress(text) end

---Nothing more to do for this revision: not called again until the template or replicas change.
function Context:finish() end

---Call the strategy again after `seconds` (more than 0) even if nothing changes.
---@param seconds number
function Context:requeue(seconds) end

---Points Service `name` at ReplicaSet `rs` (pins its pod-template-hash), or at every version
---when `rs` is nil. Applied with the scales.
---@param name string
---@param rs rollout.ReplicaSet?
function Context:pointService(name, rs) end

---The share of traffic the new version should get, 0 to 100 (shown in status).
---@param percent integer
function Context:setWeight(percent) end

---Where the strategy is in its plan: step `index` of `total` ("step 3/8" in status).
---@param index integer
---@param total integer
function Context:setStep(index, total) end

---The ReplicaSet handle named `name`, or nil.
---@param name string
---@return rollout.ReplicaSet?
function Context:replicaSet(name) end

---Every ReplicaSet handle, the new one first.
---@return rollout.ReplicaSet[]
function Context:allRSs() end

---Starts the analysis run `label` for this revision unless one of that label exists. Its
---measurements appear in `ctx.analysis[label]` at the following steps (this step sees it Pending).
---@param label string e.g. "step-3", "background", "baseline"
---@param spec rollout.AnalysisSpec
function Context:analyze(label, spec) end

---Stops the analysis run `label`: its running metrics complete as Successful.
---@param label string
function Context:stopAnalysis(label) end

---Aborts the rollout back to the stable version, as `rollout abort` does, saying why.
---@param message string
function Context:abort(message) end

---The safety envelope a strategy may declare to widen the manifest's bounds: the module
---table's `envelope` field (or a global `envelope`). It only widens; operators narrow it with
---the rollout.dev/envelope annotation.
---@class rollout.Envelope
---@field maxSurge rollout.CountOrPercent?
---@field maxUnavailable rollout.CountOrPercent?

---What a strategy supports, in the module table's `supports` field (or a global `supports`).
---@class rollout.Supports
---@field abort boolean? false: `rollout abort` is refused (default true)

---A strategy module: `return {step = function(ctx) ... end}`, or a global `step(ctx)`.
---@class rollout.Strategy
---@field step fun(ctx: rollout.Context)
---@field envelope rollout.Envelope?
---@field supports rollout.Supports?
---The parameters the strategy takes, by name, each with what it is for; any other is refused
---before anything is applied. Without it, any parameter is taken.
---@field params table<string, string>?

-- The stock modules, `require "rollout.<name>"` ---------------------------------------------

---Kubernetes' RollingUpdate (pkg/controller/deployment/rolling.go), step for step.
---@class rollout.rolling: rollout.Strategy
---@field replicaCount fun(list: rollout.ReplicaSet[]): integer sum of spec.replicas
---@field availableCount fun(list: rollout.ReplicaSet[]): integer sum of availableReplicas
---@field activeOld fun(ctx: rollout.Context): rollout.ReplicaSet[] old ReplicaSets with replicas
---@field newReplicas fun(ctx: rollout.Context, oldPods?: integer): integer how far the new ReplicaSet may grow now (oldPods: the old ReplicaSets' replicas, counted when nil)
---@field reconcileNewReplicaSet fun(ctx: rollout.Context, oldPods?: integer): boolean
---@field cleanupUnhealthyReplicas fun(oldRSs: rollout.ReplicaSet[], maxCleanup: integer): integer
---@field scaleDownOldReplicaSets fun(ctx: rollout.Context, oldRSs: rollout.ReplicaSet[]): integer scales the active ones down
---@field reconcileOldReplicaSets fun(ctx: rollout.Context, oldPods?: integer): boolean, integer whether it scaled, and the old replicas left
---@field step fun(ctx: rollout.Context)

---Kubernetes' Recreate: old to zero, wait for their pods, new to full size.
---@class rollout.recreate: rollout.Strategy
---@field scaleDownOld fun(ctx: rollout.Context): boolean
---@field oldPods fun(ctx: rollout.Context): integer
---@field step fun(ctx: rollout.Context)

---Rolling, holding at chosen percentages until promoted.
---@class rollout.pauseAtPercentage: rollout.Strategy
---@field thresholds fun(params: table): integer[]
---@field cap fun(percent: integer, replicas: integer): integer
---@field step fun(ctx: rollout.Context)

---Argo Rollouts' canary without a traffic router.
---@class rollout.canary: rollout.Strategy
---@field parseParams fun(params: table): table
---@field basicCounts fun(replicas: integer, weight: integer, maxSurge: integer, maxUnavailable: integer, newRS: rollout.ReplicaSet, stableRS: rollout.ReplicaSet?, otherRSs: rollout.ReplicaSet[]): integer, integer
---@field approximateCounts fun(replicas: integer, weight: integer, maxSurge: integer): integer, integer
---@field weightToReplicas fun(replicas: integer, weight: integer): integer
---@field step fun(ctx: rollout.Context)

---Argo Rollouts' BlueGreen: preview, switch the active Service, scale the old version down.
---@class rollout.blueGreen: rollout.Strategy
---@field duration fun(value: number|string, name: string): number
---@field parameters fun(ctx: rollout.Context): table
---@field step fun(ctx: rollout.Context)

-- The stock strategies' library, `require "rollout.lib.<name>"` (strategies/lib) -------------

---Duration text: seconds, or Go-style units h, m, s, ms ("30s", "1h30m", "500ms").
---@class rollout.lib.durations
---@field canary fun(value: any): number? canary's grammar; nil if invalid
---@field blueGreen fun(value: any): number?, string? blue-green's grammar; nil and what is wrong

---The canary strategy's parameters, checked (errors name the parameter).
---@class rollout.lib.canaryParams
---@field parseParams fun(params: table): table

---Argo Rollouts' canary replica arithmetic; rollout.canary re-exports it.
---@class rollout.lib.canaryReplicas
---@field currentSetWeight fun(steps: table[], index: integer, aborted: boolean?): integer
---@field setCanaryScale fun(steps: table[], index: integer, aborted: boolean?): table?
---@field canaryReplicasOrWeight fun(steps: table[], index: integer, status: table): integer?, integer
---@field approximateCounts fun(replicas: integer, weight: integer, maxSurge: integer): integer, integer
---@field replicasForScaleDown fun(rs: rollout.ReplicaSet?, ignoreAvailability: boolean?): integer
---@field basicCounts fun(replicas: integer, weight: integer, maxSurge: integer, maxUnavailable: integer, newRS: rollout.ReplicaSet, stableRS: rollout.ReplicaSet?, otherRSs: rollout.ReplicaSet[]): integer, integer
---@field weightToReplicas fun(replicas: integer, weight: integer): integer
---@field replicaCounts fun(ctx: rollout.Context, steps: table[], index: integer, stable: rollout.ReplicaSet?, others: rollout.ReplicaSet[]): integer, integer
---@field atDesiredCounts fun(newRS: rollout.ReplicaSet, stable: rollout.ReplicaSet?, others: rollout.ReplicaSet[], newCount: integer, stableCount: integer): boolean
---@field replicaCount fun(list: rollout.ReplicaSet[]): integer sum of spec.replicas
---@field availableCount fun(list: rollout.ReplicaSet[]): integer sum of availableReplicas

---The canary strategy's old ReplicaSets; rollout.canary re-exports these.
---@class rollout.lib.canaryOldReplicaSets
---@field stableReplicaSet fun(ctx: rollout.Context): rollout.ReplicaSet?
---@field otherReplicaSets fun(ctx: rollout.Context, stable: rollout.ReplicaSet?): rollout.ReplicaSet[]
---@field scaleDownOldReplicaSets fun(ctx: rollout.Context, others: rollout.ReplicaSet[]): integer

---The blue-green strategy's parameters; rollout.blue-green re-exports these.
---@class rollout.lib.blueGreenParams
---@field duration fun(value: number|string, name: string): number
---@field parameters fun(ctx: rollout.Context): table

-- The sandbox's clock and dice (docs/strategies.md, "The sandbox"): a decision is a function of
-- the snapshot, so neither reads the machine.

---Seconds since 1970-01-01 UTC. With no argument: `ctx.now`, rounded down (never the machine's
---clock). With a date table: that date read as UTC, whatever the machine's time zone (`hour`
---defaults to 12; the table's fields are normalised in place).
---@param date? osdateparam
---@return integer
function os.time(date) end

---`time` (default: `ctx.now`) in UTC, formatted with strftime's conversions in the C locale
---(default "%c"), or as a table for "*t". A leading "!" changes nothing.
---@param format? string
---@param time? integer
---@return string|osdate
function os.date(format, time) end

---Not in the sandbox (nil): a strategy reads time from `ctx.now`.
---@deprecated
os.clock = nil

---Seeded before each step from the deployment's namespace and name, the new ReplicaSet's
---revision and `ctx.now`: the same snapshot draws the same numbers in a run, `rollout test`,
---`eval` and `replay`. `()` a float in [0, 1); `(m)` an integer in [1, m]; `(0)` any integer;
---`(m, n)` an integer in [m, n].
---@overload fun(): number
---@overload fun(m: integer): integer
---@param m integer
---@param n integer
---@return integer
function math.random(m, n) end

---Restarts `math.random` from `x` and `y`: the same numbers for the same arguments. With no
---argument, from the step's own seed. Never from the machine's clock.
---@param x? integer
---@param y? integer
function math.randomseed(x, y) end
