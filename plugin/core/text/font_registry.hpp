#pragma once

#include <cstdint>
#include <memory>
#include <mutex>
#include <string>
#include <unordered_map>
#include <vector>

namespace stagehand::core::text {

class Coverage;
class FontSource;

// What a style asks for. Weight uses CSS numbers (400 regular, 700 bold).
struct FontRequest {
    std::string family = "sans-serif";
    int weight = 400;
    bool italic = false;
    std::string generic = {}; // tried after `family` ("monospace"); empty: fontconfig's default

    friend bool operator==(const FontRequest&, const FontRequest&) = default;
};

struct FaceFile {
    std::string path;
    int index = 0;
    std::string family;
};

// One font in a fallback chain, with the set of characters it covers.
struct ChainEntry {
    std::uint32_t face = 0;
    std::shared_ptr<const Coverage> coverage; // read-only after creation
    bool color = false;                       // a colour emoji font (bitmap or COLR)
};

// The fonts to try, in order, for every character of a run: the requested family first, then
// what the font source sorts as the closest fonts that cover other characters (UI font, CJK,
// ...), with the colour emoji font put first for emoji.
struct FontChain {
    std::vector<ChainEntry> entries;
    // Index into entries of the colour emoji font, or -1 when none is installed.
    int emoji = -1;
    // Said once per chain: e.g. the requested family is not installed and what replaced it.
    std::vector<std::string> warnings;

    // The entry to use for `cp`: the first that covers it (emoji prefer the colour font), or 0.
    std::size_t entry_for(char32_t cp, bool prefer_emoji) const;
};

// Process-wide and thread-safe: finds fonts through a FontSource (fontconfig, or a scan of the
// font folders: core/text/font_source.hpp) and gives every font file a small stable id, so
// glyphs from different threads and sources share one atlas entry.
class FontRegistry {
public:
    static FontRegistry& global();

    FontRegistry(); // default_font_source()
    explicit FontRegistry(std::unique_ptr<FontSource> source);
    ~FontRegistry();
    FontRegistry(const FontRegistry&) = delete;
    FontRegistry& operator=(const FontRegistry&) = delete;

    std::shared_ptr<const FontChain> chain(const FontRequest& request);
    FaceFile file(std::uint32_t face) const;
    std::uint32_t face_id(const std::string& path, int index, const std::string& family);
    // The source's name ("fontconfig", "font folders"), for messages and tests.
    std::string source_name() const;

private:
    mutable std::mutex mutex_;
    std::vector<FaceFile> faces_;
    std::unordered_map<std::string, std::uint32_t> ids_;
    std::vector<std::pair<FontRequest, std::shared_ptr<const FontChain>>> chains_;
    mutable std::mutex source_mutex_; // the source is asked by one thread at a time
    std::unique_ptr<FontSource> source_;
};

} // namespace stagehand::core::text
