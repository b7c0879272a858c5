#include "ui/presets_panel.hpp"

#include "control/guard.hpp"

#include <QComboBox>
#include <QCoreApplication>
#include <QDateTime>
#include <QFileDialog>
#include <QFileInfo>
#include <QFont>
#include <QHBoxLayout>
#include <QImage>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPixmap>
#include <QPointer>
#include <QPushButton>
#include <QVBoxLayout>

namespace stagehand::ui {

PresetsPanel::PresetsPanel(std::shared_ptr<control::Controller> control, Translate text,
                           QWidget* parent)
    : DockSection(parent)
    , control_(std::move(control))
    , translate_(std::move(text))
    , list_(new QListWidget(this))
    , target_(new QComboBox(this))
    , apply_(new QPushButton(this))
    , name_(new QLineEdit(this))
    , save_(new QPushButton(this))
    , import_(new QPushButton(this))
    , export_(new QPushButton(this))
    , stage_(new QPushButton(this))
    , duplicate_(new QPushButton(this))
    , rename_(new QPushButton(this))
    , delete_(new QPushButton(this))
    , message_(new QLabel(this)) {
    setObjectName(QStringLiteral("stagehandPresetsPanel"));
    auto* heading = new QLabel(this->text("Dock.Presets"), this);
    QFont bold = heading->font();
    bold.setBold(true);
    heading->setFont(bold);
    auto name = [](QWidget* w, const char* n) {
        w->setObjectName(QString::fromLatin1(n));
    };
    name(list_, "stagehandPresetList");
    name(target_, "stagehandPresetTarget");
    name(apply_, "stagehandPresetApply");
    name(name_, "stagehandPresetName");
    name(save_, "stagehandPresetSave");
    name(import_, "stagehandPresetImport");
    name(export_, "stagehandPresetExport");
    name(stage_, "stagehandPresetStage");
    name(duplicate_, "stagehandPresetDuplicate");
    name(rename_, "stagehandPresetRename");
    name(delete_, "stagehandPresetDelete");
    name(message_, "stagehandPresetsMessage");
    apply_->setText(this->text("Dock.Presets.Apply"));
    save_->setText(this->text("Dock.Presets.Save"));
    import_->setText(this->text("Dock.Presets.Import"));
    export_->setText(this->text("Dock.Presets.Export"));
    stage_->setText(this->text("Dock.Presets.Stage"));
    duplicate_->setText(this->text("Dock.Presets.Duplicate"));
    rename_->setText(this->text("Dock.Presets.Rename"));
    delete_->setText(this->text("Dock.Presets.Delete"));
    list_->setIconSize(QSize(96, 60));
    name_->setPlaceholderText(this->text("Dock.Presets.Name"));
    message_->setWordWrap(true);
    message_->setTextFormat(Qt::PlainText);
    message_->hide();

    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(heading);
    layout->addWidget(list_, 1);
    auto* apply = new QHBoxLayout;
    apply->addWidget(target_, 1);
    apply->addWidget(apply_);
    layout->addLayout(apply);
    auto* save = new QHBoxLayout;
    save->addWidget(name_, 1);
    save->addWidget(save_);
    layout->addLayout(save);
    auto* files = new QHBoxLayout;
    files->addWidget(import_);
    files->addWidget(export_);
    files->addWidget(stage_);
    layout->addLayout(files);
    auto* manage = new QHBoxLayout;
    manage->addWidget(duplicate_);
    manage->addWidget(rename_);
    manage->addWidget(delete_);
    layout->addLayout(manage);
    layout->addWidget(message_);

    connect(apply_, &QPushButton::clicked, this, control::guarded_slot("applying a preset", [this] {
                if (!control_ || chosen().isEmpty())
                    return;
                const QString preset = chosen();
                show(control_->execute(control::PresetApply{
                         preset.toStdString(), target_->currentData().toString().toStdString()}),
                     this->text("Dock.Presets.Applied").arg(preset));
            }));
    connect(save_, &QPushButton::clicked, this, control::guarded_slot("saving a preset", [this] {
                if (!control_)
                    return;
                const QString preset = name_->text().trimmed();
                show(control_->execute(control::PresetSave{preset.toStdString(), {}}),
                     this->text("Dock.Presets.Saved").arg(preset));
                reload();
            }));
    connect(import_, &QPushButton::clicked, this,
            control::guarded_slot("importing a preset", [this] {
                const QString file = QFileDialog::getOpenFileName(
                    this, this->text("Dock.Presets.Import"), QString(), QStringLiteral("*.json"));
                if (!file.isEmpty())
                    importFile(file);
            }));
    connect(export_, &QPushButton::clicked, this,
            control::guarded_slot("exporting a preset", [this] {
                if (!control_ || chosen().isEmpty())
                    return;
                const QString preset = chosen();
                const control::Result result = control_->execute(
                    control::PresetExport{preset.toStdString(), preset.toStdString() + ".json"});
                show(result,
                     this->text("Dock.Presets.Exported")
                         .arg(QString::fromStdString(result.data.value("file", std::string()))));
            }));
    // A new scene with the three overlays in the chosen preset's look and places.
    connect(stage_, &QPushButton::clicked, this,
            control::guarded_slot("making a stage from a preset", [this] {
                if (!control_ || chosen().isEmpty())
                    return;
                const QString preset = chosen();
                const control::Result result =
                    control_->execute(control::PresetCreateStage{preset.toStdString(), {}});
                show(result,
                     this->text("Dock.Presets.StageMade")
                         .arg(QString::fromStdString(result.data.value("scene", std::string()))));
                reload();
            }));
    // Duplicate, rename: the new name is the one typed in the name field (a copy may go
    // without: "NAME copy").
    connect(duplicate_, &QPushButton::clicked, this,
            control::guarded_slot("duplicating a preset", [this] {
                if (!control_ || chosen().isEmpty())
                    return;
                QString copy = name_->text().trimmed();
                if (copy.isEmpty())
                    copy = this->text("Dock.Presets.Copy").arg(chosen());
                show(control_->execute(
                         control::PresetDuplicate{chosen().toStdString(), copy.toStdString()}),
                     this->text("Dock.Presets.Duplicated").arg(copy));
                reload();
            }));
    connect(
        rename_, &QPushButton::clicked, this, control::guarded_slot("renaming a preset", [this] {
            if (!control_ || chosen().isEmpty())
                return;
            const QString to = name_->text().trimmed();
            if (to.isEmpty()) {
                show(control::Result::failure(this->text("Dock.Presets.NeedName").toStdString()),
                     {});
                return;
            }
            show(control_->execute(control::PresetRename{chosen().toStdString(), to.toStdString()}),
                 this->text("Dock.Presets.Renamed").arg(to));
            reload();
        }));
    // Delete asks twice, without a modal dialog in the way of a live show: the first press
    // says what a second one does.
    connect(delete_, &QPushButton::clicked, this,
            control::guarded_slot("deleting a preset", [this] {
                if (!control_ || chosen().isEmpty())
                    return;
                const QString preset = chosen();
                if (armed_delete_ != preset) {
                    armed_delete_ = preset;
                    message_->setText(this->text("Dock.Presets.ConfirmDelete").arg(preset));
                    message_->setVisible(true);
                    return;
                }
                armed_delete_.clear();
                show(control_->execute(control::PresetDelete{preset.toStdString()}),
                     this->text("Dock.Presets.Deleted").arg(preset));
                reload();
            }));
    connect(list_, &QListWidget::currentItemChanged, this,
            control::guarded_slot("choosing a preset", [this] { armed_delete_.clear(); }));
    reload();
}

QIcon PresetsPanel::thumbnail(const QString& name) const {
    const auto found = thumbnails_.find(name);
    return found == thumbnails_.end() ? QIcon() : found->icon;
}

// Asks the control layer for pictures of the presets in `wanted` (name -> key); they arrive on
// another thread and are handed to this panel on the UI thread, if the panel is still there.
void PresetsPanel::request_thumbnails(const QHash<QString, QString>& wanted) {
    std::vector<std::string> names;
    for (auto it = wanted.begin(); it != wanted.end(); ++it)
        if (!drawing_.contains(it.value())) {
            drawing_.insert(it.value());
            names.push_back(it.key().toStdString());
        }
    if (names.empty())
        return;
    QPointer<PresetsPanel> self(this);
    // As many pixels as the icon covers on this screen (96 wide, twice that on a HiDPI one):
    // thirteen pictures at twice the size were a megabyte of the dock's memory.
    const auto width = static_cast<std::uint32_t>(
        std::lround(list_->iconSize().width() * std::max(1.0, list_->devicePixelRatioF())));
    control_->preset_thumbnails(
        names, width, [self, wanted](const std::string& preset, control::Thumbnail picture) {
            const QString name = QString::fromStdString(preset);
            const QString key = wanted.value(name);
            QMetaObject::invokeMethod(
                QCoreApplication::instance(),
                [self, name, key, picture = std::move(picture)] {
                    control::run_guarded("showing a preset's picture", [&] {
                        if (self)
                            self->set_thumbnail(name, key, picture);
                    });
                },
                Qt::QueuedConnection);
        });
}

void PresetsPanel::set_thumbnail(const QString& name, const QString& key,
                                 const control::Thumbnail& picture) {
    drawing_.remove(key);
    if (picture.width == 0 || picture.height == 0 ||
        picture.rgba.size() != std::size_t{picture.width} * picture.height * 4)
        return;
    const QImage image(picture.rgba.data(), static_cast<int>(picture.width),
                       static_cast<int>(picture.height), static_cast<int>(picture.width * 4),
                       QImage::Format_RGBA8888_Premultiplied);
    QPixmap pixmap = QPixmap::fromImage(image.copy());
    pixmap.setDevicePixelRatio(std::max(1.0, list_->devicePixelRatioF()));
    const QIcon icon(pixmap);
    thumbnails_[name] = Drawn{key, icon};
    for (int i = 0; i < list_->count(); ++i)
        if (list_->item(i)->data(Qt::UserRole).toString() == name)
            list_->item(i)->setIcon(icon);
}

QString PresetsPanel::text(const char* key) const {
    return translate_ ? translate_(key) : QString::fromUtf8(key);
}

QString PresetsPanel::chosen() const {
    const auto* item = list_->currentItem();
    return item ? item->data(Qt::UserRole).toString() : QString();
}

void PresetsPanel::show(const control::Result& result, const QString& done) {
    QStringList lines;
    if (!result.ok) {
        lines << QString::fromStdString(result.error);
    } else {
        lines << done;
        for (const auto& warning : result.data.value("warnings", nlohmann::json::array()))
            lines << QStringLiteral("⚠ ") +
                         QString::fromStdString(warning.value("text", std::string()));
    }
    message_->setText(lines.join(QLatin1Char('\n')));
    message_->setVisible(true);
}

void PresetsPanel::importFile(const QString& file) {
    if (!control_)
        return;
    const control::Result result = control_->execute(control::PresetImport{file.toStdString()});
    show(result, this->text("Dock.Presets.Imported")
                     .arg(QString::fromStdString(result.data.value("name", std::string()))));
    reload();
}

void PresetsPanel::reload() {
    if (!control_)
        return;
    const QString keep = chosen();
    list_->clear();
    const control::Result presets = control_->presets();
    QHash<QString, QString> wanted; // presets to draw: name -> the version of its file
    for (const auto& p : presets.data.value("presets", nlohmann::json::array())) {
        const QString name = QString::fromStdString(p.value("name", std::string()));
        auto* item = new QListWidgetItem(
            p.value("builtin", false) ? name + this->text("Dock.Presets.BuiltIn") : name, list_);
        item->setData(Qt::UserRole, name);
        if (!p.value("ok", false)) {
            // A broken user preset is listed with its errors, and cannot be chosen.
            QStringList errors;
            for (const auto& e : p.value("errors", nlohmann::json::array()))
                errors << QString::fromStdString(e.value("text", std::string()));
            item->setToolTip(errors.join(QLatin1Char('\n')));
            item->setFlags(item->flags() & ~Qt::ItemIsEnabled);
        } else {
            item->setToolTip(QString::fromStdString(p.value("description", std::string())));
            // Drawn once per version of its file.
            const QString file = QString::fromStdString(p.value("file", std::string()));
            const QString key = file + QLatin1Char('@') +
                                QString::number(QFileInfo(file).lastModified().toMSecsSinceEpoch());
            const auto drawn = thumbnails_.find(name);
            if (drawn != thumbnails_.end() && drawn->key == key)
                item->setIcon(drawn->icon);
            else
                wanted.insert(name, key);
        }
        if (name == keep)
            list_->setCurrentItem(item);
    }
    request_thumbnails(wanted);
    const QString target = target_->currentData().toString();
    target_->clear();
    target_->addItem(this->text("Dock.Presets.AllSources"), QString());
    for (const auto& source : control_->overlay_sources())
        target_->addItem(QString::fromStdString(source), QString::fromStdString(source));
    target_->setCurrentIndex(std::max(0, target_->findData(target)));
}

void PresetsPanel::refresh(const control::ControlState& state) {
    const std::uint64_t revision = state.preset.value("revision", std::uint64_t{0});
    if (revision == shown_revision_)
        return;
    shown_revision_ = revision;
    reload();
}

void PresetsPanel::detach() {
    control_.reset();
}

} // namespace stagehand::ui
