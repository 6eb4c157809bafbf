-- POST /appeals: an appeal submitted by the next member (each member is the admin of an enterprise of
-- its own), the form of a real submission with a numbered title.
dofile(os.getenv("QINQING_LOAD_LUA_DIR") .. "/common.lua")

local form = [[{"basic": {"region": "410402", "industry": "C36 汽车制造业", "employeeCount": "100-299", "ownership": "民营",
"principalName": "王建华", "principalTitle": "总经理", "principalPhone": "13912345678", "contactName": "李小红",
"contactTitle": "办公室主任", "contactPhone": "13887654321", "overview": "主要生产汽车底盘零部件，计划明年扩产。"},
"operations": {"year": 2025, "investment": 1250.5, "revenue": 8600.25, "tax": 312.75}, "plan": {"text": "三年内新增两条生产线"},
"helper": {"officialName": "张卫东"}, "problem": {"title": "新厂房用电报装迟迟未接入 %d", "category": "reformEfficiency",
"detail": "厂房已建成三个月，用电报装仍未完成，影响投产。"}}]]

function request()
  local bearer = next_bearer()
  return wrk.format("POST", "/appeals", { ["Authorization"] = bearer, ["Content-Type"] = "application/json" },
    string.format(form, counter))
end
