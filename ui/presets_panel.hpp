#pragma once

#include "control/controller.hpp"
#include "ui/dock_section.hpp"

#include <QHash>
#include <QIcon>
#include <QSet>
#include <QString>

#include <cstdint>
#include <memory>

class QComboBox;
class QLabel;
class QLineEdit;
class QListWidget;
class QPushButton;

namespace stagehand::ui {

// The dock's Presets section: the built-in and the user's presets, applied to every Stagehand
// overlay or the one chosen, the current look saved as a preset, and files imported and
// exported, duplicated, renamed and deleted, each with a thumbnail drawn by the real code source.
// Every action is a control-layer command (the same as preset_apply and its kin);
// what it answers (a refusal's every error, an accessibility warning) is shown under it.
class PresetsPanel : public DockSection {
    Q_OBJECT

public:
    PresetsPanel(std::shared_ptr<control::Controller> control, Translate text,
                 QWidget* parent = nullptr);

    void refresh(const control::ControlState& state) override;
    void detach() override;
    // Reads the presets and the sources again (after an action, or when the state moved).
    void reload();
    // Imports a preset file (the Import button asks for one with a file dialog).
    void importFile(const QString& file);
    // The thumbnail shown for a preset, null until it has been drawn (tests).
    QIcon thumbnail(const QString& name) const;

private:
    QString text(const char* key) const;
    void show(const control::Result& result, const QString& done);
    QString chosen() const;
    void request_thumbnails(const QHash<QString, QString>& wanted);
    void set_thumbnail(const QString& name, const QString& key, const control::Thumbnail& picture);

    std::shared_ptr<control::Controller> control_;
    Translate translate_;
    QListWidget* list_;
    QComboBox* target_;
    QPushButton* apply_;
    QLineEdit* name_;
    QPushButton* save_;
    QPushButton* import_;
    QPushButton* export_;
    QPushButton* stage_;
    QPushButton* duplicate_;
    QPushButton* rename_;
    QPushButton* delete_;
    QString armed_delete_; // the preset a first press of Delete named
    struct Drawn {
        QString key; // the file and its time: a changed file is drawn again
        QIcon icon;
    };
    QHash<QString, Drawn> thumbnails_;
    QSet<QString> drawing_; // keys asked for and not answered yet
    QLabel* message_;
    std::uint64_t shown_revision_ = ~std::uint64_t{0};
};

} // namespace stagehand::ui
