// FontSource over fontconfig: the user's configuration decides (aliases, preferred fonts,
// languages), and FcFontSort gives the fallback order.
#include "core/text/font_source.hpp"

#include <fontconfig/fontconfig.h>

#include <algorithm>
#include <map>

namespace stagehand::core::text {

namespace {

std::string get_string(FcPattern* p, const char* object) {
    FcChar8* value = nullptr;
    if (FcPatternGetString(p, object, 0, &value) == FcResultMatch && value)
        return reinterpret_cast<const char*>(value);
    return {};
}

FcPattern* make_pattern(const FontRequest& r) {
    FcPattern* p = FcPatternCreate();
    FcPatternAddString(p, FC_FAMILY, reinterpret_cast<const FcChar8*>(r.family.c_str()));
    if (!r.generic.empty())
        FcPatternAddString(p, FC_FAMILY, reinterpret_cast<const FcChar8*>(r.generic.c_str()));
    FcPatternAddInteger(p, FC_WEIGHT, FcWeightFromOpenType(std::clamp(r.weight, 1, 1000)));
    FcPatternAddInteger(p, FC_SLANT, r.italic ? FC_SLANT_ITALIC : FC_SLANT_ROMAN);
    FcConfigSubstitute(nullptr, p, FcMatchPattern);
    FcDefaultSubstitute(p);
    return p;
}

class FontconfigSource final : public FontSource {
public:
    FontconfigSource() { FcInit(); }

    std::vector<FoundFace> sorted(const FontRequest& request) override {
        std::vector<FoundFace> out;
        FcPattern* pattern = make_pattern(request);
        FcResult result = FcResultNoMatch;
        // Sorted by closeness, trimmed to fonts that add coverage: fontconfig's own fallback.
        FcFontSet* set = FcFontSort(nullptr, pattern, FcTrue, nullptr, &result);
        if (set) {
            for (int i = 0; i < set->nfont && out.size() < 24; ++i) {
                FcPattern* font = FcFontRenderPrepare(nullptr, pattern, set->fonts[i]);
                if (!font)
                    continue;
                if (auto face = found(font))
                    out.push_back(std::move(*face));
                FcPatternDestroy(font);
            }
            FcFontSetDestroy(set);
        }
        FcPatternDestroy(pattern);
        return out;
    }

    std::optional<FoundFace> emoji() override {
        if (emoji_looked_)
            return emoji_;
        emoji_looked_ = true;
        FcPattern* pattern = make_pattern(FontRequest{"emoji", 400, false, {}});
        FcResult result = FcResultNoMatch;
        if (FcPattern* font = FcFontMatch(nullptr, pattern, &result)) {
            auto face = found(font);
            if (face && face->color)
                emoji_ = std::move(face);
            FcPatternDestroy(font);
        }
        FcPatternDestroy(pattern);
        return emoji_;
    }

    std::string name() const override { return "fontconfig"; }

private:
    std::optional<FoundFace> found(FcPattern* font) {
        FoundFace face;
        face.path = get_string(font, FC_FILE);
        FcPatternGetInteger(font, FC_INDEX, 0, &face.index);
        face.family = get_string(font, FC_FAMILY);
        FcBool color = FcFalse;
        FcPatternGetBool(font, FC_COLOR, 0, &color);
        face.color = color == FcTrue;
        FcCharSet* charset = nullptr;
        if (face.path.empty() ||
            FcPatternGetCharSet(font, FC_CHARSET, 0, &charset) != FcResultMatch)
            return std::nullopt;
        // One Coverage per face file, shared by every chain that lists it.
        auto& cached = coverage_[face.path + '#' + std::to_string(face.index)];
        if (!cached)
            cached = coverage_of(charset);
        face.coverage = cached;
        return face;
    }

    static std::shared_ptr<const Coverage> coverage_of(const FcCharSet* charset) {
        auto coverage = std::make_shared<Coverage>();
        FcChar32 map[FC_CHARSET_MAP_SIZE];
        FcChar32 next = 0;
        for (FcChar32 base = FcCharSetFirstPage(charset, map, &next); base != FC_CHARSET_DONE;
             base = FcCharSetNextPage(charset, map, &next))
            for (FcChar32 word = 0; word < FC_CHARSET_MAP_SIZE; ++word)
                for (FcChar32 bit = 0; map[word] && bit < 32; ++bit)
                    if (map[word] & (1u << bit))
                        coverage->add_ascending(static_cast<char32_t>(base + word * 32 + bit));
        return coverage;
    }

    std::map<std::string, std::shared_ptr<const Coverage>> coverage_;
    bool emoji_looked_ = false;
    std::optional<FoundFace> emoji_;
};

} // namespace

std::unique_ptr<FontSource> make_fontconfig_source() {
    return std::make_unique<FontconfigSource>();
}

} // namespace stagehand::core::text
