#pragma once

#include "ui/code_panel.hpp"
#include "ui/dock_section.hpp"
#include "ui/questions_panel.hpp"
#include "ui/slides_panel.hpp"

#include <QPointer>
#include <QString>
#include <QWidget>

#include <cstdint>
#include <memory>
#include <vector>

class QLabel;
class QTimer;

namespace stagehand::ui {

// The content of the presenter dock: the header, what the control layer's status board says,
// and a section per control domain (dock_sections.cpp lists them). It acts only through the
// control layer.
class DockWidget : public QWidget {
    Q_OBJECT

public:
    DockWidget(const QString& title, const QString& subtitle, const QString& version,
               std::shared_ptr<control::Controller> control = nullptr, Translate text = {},
               QWidget* parent = nullptr);

    // Shows a fresh snapshot of the controller: the status board (missing fonts, unreadable
    // files) and the code section. Polled on a timer: sources post from OBS's threads and never
    // touch widgets. A closed dock draws nothing (a chat flood would rebuild its lists twice a
    // second for no one); it catches up as it is shown.
    void refreshStatus();
    // Stops polling OBS: called when OBS exits, before its sources are released.
    void detach();
    // Watches `window` (OBS's main window) for its close: from the close event on, before OBS
    // tears down its widgets and sources, the dock neither refreshes nor paints. A close that
    // OBS refuses (a recording to stop first, a question it asks) is seen a second later by the
    // window still being shown, and the dock goes on.
    void quietWhenClosing(QWidget* window);
    // Whether the dock is quiet for a closing window (tests).
    bool quiet() const { return quiet_; }
    // A section by its type; nullptr without a controller.
    template <typename Section>
    Section* section() const {
        for (auto* s : sections_)
            if (auto* found = qobject_cast<Section*>(s))
                return found;
        return nullptr;
    }
    CodePanel* codePanel() const { return section<CodePanel>(); }
    QuestionsPanel* questionsPanel() const { return section<QuestionsPanel>(); }
    SlidesPanel* slidesPanel() const { return section<SlidesPanel>(); }

protected:
    void showEvent(QShowEvent* event) override;
    bool eventFilter(QObject* watched, QEvent* event) override;

private:
    void setQuiet(bool quiet);

    std::shared_ptr<control::Controller> control_;
    QLabel* warnings_;
    QTimer* timer_;
    std::vector<DockSection*> sections_; // children of the dock, top to bottom
    std::uint64_t shown_revision_ = 0;
    QPointer<QWidget> closing_window_; // watched for its close event
    bool quiet_ = false;
};

} // namespace stagehand::ui
