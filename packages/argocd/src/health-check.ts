/** The argocd-cm key under which Argo CD looks up the health check of child Applications. */
export const APPLICATION_HEALTH_KEY = 'resource.customizations.health.argoproj.io_Application';

/**
 * Health of a child Application as its parent sees it. Argo CD 1.8 dropped the built-in check,
 * so without this every child counts as Healthy the moment it exists and sync waves gate nothing.
 * This starts from the check in Argo CD's docs (operator-manual/health, "Argocd App"), which
 * passes the child's own health up, and adds what that one lets through: since Argo CD 3.4 a
 * child with Missing resources can report Healthy, and a Healthy child may still be OutOfSync
 * or mid-operation. Such a child stays Progressing, so the next wave waits for it.
 */
export const APPLICATION_HEALTH_LUA = `hs = {}
hs.status = "Progressing"
hs.message = "Waiting for the Application to report its health"
if obj.status == nil or obj.status.health == nil then
  return hs
end
hs.status = obj.status.health.status
if obj.status.health.message ~= nil then
  hs.message = obj.status.health.message
end
local op = obj.status.operationState
if op ~= nil and (op.phase == "Failed" or op.phase == "Error") then
  hs.status = "Degraded"
  hs.message = op.message or ("Sync " .. op.phase)
  return hs
end
if hs.status ~= "Healthy" then
  return hs
end
if obj.status.sync == nil or obj.status.sync.status ~= "Synced" then
  hs.status = "Progressing"
  hs.message = "Healthy but not Synced yet"
  return hs
end
if op ~= nil and (op.phase == "Running" or op.phase == "Terminating") then
  hs.status = "Progressing"
  hs.message = "Sync operation " .. op.phase
  return hs
end
if obj.status.resources ~= nil then
  for _, r in ipairs(obj.status.resources) do
    local missing = r.health ~= nil and (r.health.status == "Missing" or r.health.status == "Progressing")
    if r.status == "OutOfSync" or missing then
      hs.status = "Progressing"
      hs.message = "Waiting for " .. r.kind .. " " .. r.name
      return hs
    end
  end
end
return hs
`;
