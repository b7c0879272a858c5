#pragma once

#include "core/text/font_registry.hpp"

#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace stagehand::core::text {

// The characters a font has glyphs for, as sorted, disjoint, inclusive ranges of code points.
class Coverage {
public:
    Coverage() = default;
    explicit Coverage(std::vector<std::pair<char32_t, char32_t>> ranges);
    // Adds one code point; they must come in ascending order (as a font's character map lists
    // them).
    void add_ascending(char32_t cp);

    bool has(char32_t cp) const;
    // Whether any code point here is missing from `other`.
    bool adds_to(const Coverage& other) const;
    // This and `other` together.
    void merge(const Coverage& other);
    std::size_t size() const; // code points
    const std::vector<std::pair<char32_t, char32_t>>& ranges() const { return ranges_; }

private:
    std::vector<std::pair<char32_t, char32_t>> ranges_;
};

// One font face a source found: the file, the face inside it (TrueType collections hold
// several), its family, what it covers and whether it is a colour (emoji) font.
struct FoundFace {
    std::string path;
    int index = 0;
    std::string family;
    std::shared_ptr<const Coverage> coverage;
    bool color = false;
};

// Where fonts come from: the seam between the text engine and the system. fontconfig on Linux
// (the user's configuration, aliases and all), or a scan of font folders read with FreeType,
// which works on any system (Windows' and macOS' font folders; Linux with fontconfig switched
// off or finding nothing). Called from the text workers, never the graphics thread.
class FontSource {
public:
    virtual ~FontSource() = default;
    // The faces to try for `request`, best first: the requested family (or, when it is not
    // installed, the closest), then fonts that cover characters the earlier ones lack.
    virtual std::vector<FoundFace> sorted(const FontRequest& request) = 0;
    // The colour emoji font, when one is installed.
    virtual std::optional<FoundFace> emoji() = 0;
    // "fontconfig" or "font folders", for messages.
    virtual std::string name() const = 0;
};

// fontconfig's view of the system (in builds with fontconfig: STAGEHAND_HAVE_FONTCONFIG).
std::unique_ptr<FontSource> make_fontconfig_source();
// Every font file (.ttf, .otf, .ttc, .otc) under `folders`, read once, lazily.
std::unique_ptr<FontSource> make_folder_source(std::vector<std::filesystem::path> folders);
// The system's font folders: on Windows %WINDIR%\Fonts and the user's own; on macOS the
// system, local and user Library/Fonts; elsewhere the XDG data folders' fonts and ~/.fonts.
// STAGEHAND_FONT_DIRS (a list like PATH) replaces them.
std::vector<std::filesystem::path> system_font_folders();
// What FontRegistry::global() uses: fontconfig where the build has it, unless
// STAGEHAND_FONT_LOOKUP=folders; the folder scan otherwise. A fontconfig that finds no font at
// all (a broken configuration) falls back to the folder scan on its own.
std::unique_ptr<FontSource> default_font_source();

} // namespace stagehand::core::text
