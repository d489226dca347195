// Build guard: data-layer targets define IMGUI_USER_CONFIG to this file, which imgui.h includes
// first. Dear ImGui belongs to kiosk/ui and kiosk/platform only (DESIGN §7).
#error "imgui.h included in the data layer: only kiosk/ui and kiosk/platform may use Dear ImGui"
