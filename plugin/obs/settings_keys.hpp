#pragma once

// Setting keys shared by the Stagehand sources, defined once. They are part of saved scene
// collections: renaming one breaks users' scenes, so add new keys instead.
namespace stagehand::keys {

inline constexpr const char* kWidth = "width";
inline constexpr const char* kHeight = "height";
inline constexpr const char* kBackgroundColor = "background_color";
inline constexpr const char* kCornerRadius = "corner_radius";
inline constexpr const char* kBorderColor = "border_color";
inline constexpr const char* kBorderWidth = "border_width";
inline constexpr const char* kShadowColor = "shadow_color";
inline constexpr const char* kShadowBlur = "shadow_blur";
inline constexpr const char* kShadowOffset = "shadow_offset";
inline constexpr const char* kTransitionMs = "transition_ms"; // content cross-fade, 0 = cut
inline constexpr const char* kMorph = "morph"; // text glides to its new place (else dissolve)

// The code source.
inline constexpr const char* kText = "text";
inline constexpr const char* kFile = "file"; // a file to show and follow; empty: show kText
inline constexpr const char* kFont = "font"; // OBS font object: face, style, size, flags
inline constexpr const char* kTextColor = "text_color";
inline constexpr const char* kPadding = "padding";
inline constexpr const char* kLigatures = "ligatures";
inline constexpr const char* kTabWidth = "tab_width";
inline constexpr const char* kTextOutlineColor = "text_outline_color";
inline constexpr const char* kTextOutlineWidth = "text_outline_width";
inline constexpr const char* kTextShadowColor = "text_shadow_color";
inline constexpr const char* kTextShadowOffset = "text_shadow_offset";
inline constexpr const char* kLanguage = "language"; // "auto" or a language id
inline constexpr const char* kTheme = "theme";       // a file name in data/themes, or "custom"
inline constexpr const char* kLineNumbers = "line_numbers";
inline constexpr const char* kWindowChrome = "window_chrome"; // title bar with window dots
inline constexpr const char* kTitle = "title";           // title bar text; empty: the file's name
inline constexpr const char* kWrap = "wrap";             // long lines wrap onto more rows
inline constexpr const char* kFit = "fit";               // shrink the font until every line fits
inline constexpr const char* kFocus = "focus";           // lines like "3-5,9"
inline constexpr const char* kSteps = "steps";           // "1-3 | 4-6 | 8"
inline constexpr const char* kStep = "step";             // 1-based current step
inline constexpr const char* kAdded = "added_lines";     // diff: lines shown as added
inline constexpr const char* kRemoved = "removed_lines"; // diff: lines shown as removed
inline constexpr const char* kMarked = "marked_lines";   // lines with an attention mark

} // namespace stagehand::keys
