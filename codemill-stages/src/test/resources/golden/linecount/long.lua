--[[
Long comment.
--]]
local s = [[
-- not a comment
]]
--[==[ level-2
comment ]==]
local t = "--" -- real comment

return s .. t
