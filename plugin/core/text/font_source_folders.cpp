// FontSource over the font folders themselves, read with FreeType: no fontconfig needed, so it
// works on Windows and macOS and on a Linux whose fontconfig is missing or finds nothing. The
// folders are scanned once, on the first request (on a text worker), and every face's family,
// weight, slant, width and character coverage kept; requests are then answered from memory.
#include "core/text/font_source.hpp"

#include <ft2build.h>
#include FT_FREETYPE_H
#include FT_TRUETYPE_TABLES_H

#include <algorithm>
#include <cctype>
#include <cstdlib>
#include <exception>
#include <memory>
#include <set>
#include <system_error>

namespace stagehand::core::text {

namespace fs = std::filesystem;

namespace {

std::string lower(std::string s) {
    std::transform(s.begin(), s.end(), s.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    return s;
}

// What each generic family means where no fontconfig says so: the usual system fonts of
// Windows, macOS and Linux, in that order of preference.
const std::vector<std::string>& generic_families(const std::string& generic) {
    static const std::vector<std::string> sans = {
        "segoe ui",    "arial",     "helvetica neue",  "helvetica",
        "dejavu sans", "noto sans", "liberation sans", "cantarell"};
    static const std::vector<std::string> serif = {
        "times new roman", "georgia", "times", "dejavu serif", "noto serif", "liberation serif"};
    static const std::vector<std::string> mono = {
        "cascadia mono",    "consolas",       "sf mono",         "menlo",
        "dejavu sans mono", "noto sans mono", "liberation mono", "courier new"};
    static const std::vector<std::string> emoji = {"noto color emoji", "segoe ui emoji",
                                                   "apple color emoji", "twemoji"};
    static const std::vector<std::string> none;
    if (generic == "sans-serif" || generic == "sans" || generic == "system-ui")
        return sans;
    if (generic == "serif")
        return serif;
    if (generic == "monospace" || generic == "mono")
        return mono;
    if (generic == "emoji")
        return emoji;
    return none;
}

struct Face {
    FoundFace found;
    std::string family_key; // lower case
    int weight = 400;
    bool italic = false;
    bool fixed_width = false;
};

class FolderSource final : public FontSource {
public:
    explicit FolderSource(std::vector<fs::path> folders)
        : folders_(std::move(folders)) {}

    std::vector<FoundFace> sorted(const FontRequest& request) override {
        scan();
        std::vector<FoundFace> out;
        const Face* first = best(request);
        if (!first)
            return out;
        out.push_back(first->found);
        Coverage covered = *first->found.coverage;
        // Then the faces that add characters, the closest in style first, in a stable order.
        std::vector<const Face*> rest;
        for (const Face& f : faces_)
            if (f.family_key != first->family_key)
                rest.push_back(&f);
        std::stable_sort(rest.begin(), rest.end(), [&](const Face* a, const Face* b) {
            return distance(*a, request) < distance(*b, request);
        });
        for (const Face* f : rest) {
            if (out.size() >= 24)
                break;
            if (f->found.coverage->adds_to(covered)) {
                out.push_back(f->found);
                covered.merge(*f->found.coverage);
            }
        }
        return out;
    }

    std::optional<FoundFace> emoji() override {
        scan();
        for (const std::string& family : generic_families("emoji"))
            for (const Face& f : faces_)
                if (f.family_key == family && f.found.color)
                    return f.found;
        for (const Face& f : faces_)
            if (f.found.color)
                return f.found;
        return std::nullopt;
    }

    std::string name() const override { return "font folders"; }

private:
    static int distance(const Face& f, const FontRequest& r) {
        return (f.italic != r.italic ? 1000 : 0) + std::abs(f.weight - r.weight);
    }

    // The closest face of the first installed family among: the requested family, the request's
    // generic family, what that generic means here; then any fixed-width face for monospace,
    // any colour face for emoji, and finally the first sans-serif or any face at all.
    const Face* best(const FontRequest& request) const {
        std::vector<std::string> wanted = {lower(request.family)};
        for (const std::string& f : generic_families(wanted[0]))
            wanted.push_back(f);
        if (!request.generic.empty()) {
            wanted.push_back(lower(request.generic));
            for (const std::string& f : generic_families(lower(request.generic)))
                wanted.push_back(f);
        }
        auto closest = [&](auto&& accept) {
            const Face* best_face = nullptr;
            for (const Face& f : faces_)
                if (accept(f) &&
                    (!best_face || distance(f, request) < distance(*best_face, request)))
                    best_face = &f;
            return best_face;
        };
        for (const std::string& family : wanted)
            if (const Face* f = closest([&](const Face& x) { return x.family_key == family; }))
                return f;
        const std::string generic =
            lower(request.generic.empty() ? request.family : request.generic);
        if (generic == "monospace" || generic == "mono")
            if (const Face* f = closest([](const Face& x) { return x.fixed_width; }))
                return f;
        if (generic == "emoji")
            if (const Face* f = closest([](const Face& x) { return x.found.color; }))
                return f;
        for (const std::string& family : generic_families("sans-serif"))
            if (const Face* f = closest([&](const Face& x) { return x.family_key == family; }))
                return f;
        return faces_.empty() ? nullptr : &faces_.front();
    }

    void scan() {
        if (scanned_)
            return;
        scanned_ = true;
        FT_Library raw = nullptr;
        if (FT_Init_FreeType(&raw) != 0)
            return;
        const std::unique_ptr<FT_LibraryRec_, FT_Error (*)(FT_Library)> library(raw,
                                                                                FT_Done_FreeType);
        std::vector<fs::path> files;
        for (const fs::path& folder : folders_) {
            std::error_code ec;
            // Bounded: a font folder is a few thousand files at most; links are not followed
            // out of it.
            for (fs::recursive_directory_iterator it(folder, ec), end; !ec && it != end;
                 it.increment(ec)) {
                if (it.depth() >= 12) // deeper than any font folder nests
                    it.disable_recursion_pending();
                std::error_code type_error; // its own: the walk goes on past a broken link
                if (is_font_file(it->path()) && it->is_regular_file(type_error))
                    files.push_back(it->path());
                if (files.size() >= 20000)
                    break;
            }
        }
        std::sort(files.begin(), files.end()); // the same order on every start
        for (const fs::path& file : files) {
            try {
                read_file(library.get(), file);
            } catch (const std::exception&) {
                // A name that does not convert, or no memory for one more face: the next file.
            }
        }
    }

    // By its extension; a name that does not convert (a broken UTF-16 name on Windows) is none.
    static bool is_font_file(const fs::path& path) {
        try {
            const std::u8string ext8 = path.extension().u8string();
            const std::string ext = lower(std::string(ext8.begin(), ext8.end()));
            return ext == ".ttf" || ext == ".otf" || ext == ".ttc" || ext == ".otc";
        } catch (const std::exception&) {
            return false;
        }
    }

    void read_file(FT_Library library, const fs::path& file) {
        // FreeType takes a narrow path: UTF-8 on Linux and macOS. On Windows it opens it in the
        // ANSI code page: the system's Fonts folder is ASCII, but fonts installed for one user
        // under a profile folder named outside that code page are skipped (FT_New_Face fails).
        const std::u8string name8 = file.u8string();
        const std::string name(name8.begin(), name8.end());
        FT_Face face = nullptr;
        if (FT_New_Face(library, name.c_str(), -1, &face) != 0)
            return;
        const FT_Long count = std::min<FT_Long>(face->num_faces, 64);
        FT_Done_Face(face);
        for (FT_Long index = 0; index < count; ++index) {
            if (FT_New_Face(library, name.c_str(), index, &face) != 0)
                continue;
            if (face->family_name && FT_Select_Charmap(face, FT_ENCODING_UNICODE) == 0) {
                Face f;
                f.found.path = name;
                f.found.index = static_cast<int>(index);
                f.found.family = face->family_name;
                f.found.color = FT_HAS_COLOR(face);
                f.family_key = lower(f.found.family);
                f.italic = (face->style_flags & FT_STYLE_FLAG_ITALIC) != 0;
                f.fixed_width = FT_IS_FIXED_WIDTH(face);
                f.weight = (face->style_flags & FT_STYLE_FLAG_BOLD) ? 700 : 400;
                if (const auto* os2 =
                        static_cast<const TT_OS2*>(FT_Get_Sfnt_Table(face, FT_SFNT_OS2));
                    os2 && os2->usWeightClass >= 1 && os2->usWeightClass <= 1000)
                    f.weight = os2->usWeightClass;
                auto coverage = std::make_shared<Coverage>();
                FT_UInt glyph = 0;
                for (FT_ULong cp = FT_Get_First_Char(face, &glyph); glyph != 0;
                     cp = FT_Get_Next_Char(face, cp, &glyph))
                    coverage->add_ascending(static_cast<char32_t>(cp));
                f.found.coverage = std::move(coverage);
                faces_.push_back(std::move(f));
            }
            FT_Done_Face(face);
        }
    }

    std::vector<fs::path> folders_;
    bool scanned_ = false;
    std::vector<Face> faces_;
};

} // namespace

std::unique_ptr<FontSource> make_folder_source(std::vector<fs::path> folders) {
    return std::make_unique<FolderSource>(std::move(folders));
}

} // namespace stagehand::core::text
