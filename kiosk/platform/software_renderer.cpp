#include "kiosk/platform/software_renderer.hpp"

#include <GLFW/glfw3.h>
#define GLFW_EXPOSE_NATIVE_X11
#include <GLFW/glfw3native.h>
#include <X11/Xutil.h>
#include <X11/extensions/XShm.h>
#include <imgui.h>
#include <sys/ipc.h>
#include <sys/shm.h>

#include <bit>

namespace treffpunkt {

struct SoftwareRenderer::X11 {
    Display* display{nullptr};
    Window window{0};
    Visual* visual{nullptr};
    GC gc{nullptr};
    // MIT-SHM: the picture lives in memory shared with the X server, which reads it from
    // there instead of through the socket. Off for a remote display or a server without it.
    bool shm_usable{false};
    XShmSegmentInfo shm{};
    XImage* shm_image{nullptr};  // wraps shm.shmaddr; nullptr = none attached
};

namespace {

bool g_x_error = false;  // set by CatchXError while a shared-memory attach is tried

int CatchXError(Display*, XErrorEvent*) {
    g_x_error = true;
    return 0;
}

void DetachShm(SoftwareRenderer::X11& x) {
    if (x.shm_image == nullptr) {
        return;
    }
    XShmDetach(x.display, &x.shm);
    x.shm_image->data = nullptr;  // shmdt frees it, not Xlib
    XDestroyImage(x.shm_image);
    x.shm_image = nullptr;
    XSync(x.display, False);
    shmdt(x.shm.shmaddr);
    x.shm = {};
}

// A shared-memory image of width x height attached to the server, or false (then XPutImage).
bool AttachShm(SoftwareRenderer::X11& x, int width, int height) {
    DetachShm(x);
    XImage* image = XShmCreateImage(x.display, x.visual, 24, ZPixmap, nullptr, &x.shm,
                                    static_cast<unsigned>(width), static_cast<unsigned>(height));
    if (image == nullptr) {
        return false;
    }
    if (image->bits_per_pixel != 32 || image->bytes_per_line != width * 4) {
        XDestroyImage(image);
        return false;
    }
    const size_t bytes = static_cast<size_t>(image->bytes_per_line) * static_cast<size_t>(height);
    x.shm.shmid = shmget(IPC_PRIVATE, bytes, IPC_CREAT | 0600);
    if (x.shm.shmid < 0) {
        XDestroyImage(image);
        return false;
    }
    x.shm.shmaddr = static_cast<char*>(shmat(x.shm.shmid, nullptr, 0));
    // Removed once both sides have detached: nothing is left behind after a crash.
    shmctl(x.shm.shmid, IPC_RMID, nullptr);
    if (x.shm.shmaddr == reinterpret_cast<char*>(-1)) {
        XDestroyImage(image);
        x.shm = {};
        return false;
    }
    image->data = x.shm.shmaddr;
    x.shm.readOnly = False;
    // A server that cannot reach this memory (another machine, another IPC namespace) says so
    // with an asynchronous error: caught here, then the socket it is.
    g_x_error = false;
    XErrorHandler previous = XSetErrorHandler(CatchXError);
    const bool attached = XShmAttach(x.display, &x.shm) != 0;
    XSync(x.display, False);
    XSetErrorHandler(previous);
    if (!attached || g_x_error) {
        image->data = nullptr;
        XDestroyImage(image);
        shmdt(x.shm.shmaddr);
        x.shm = {};
        return false;
    }
    x.shm_image = image;
    return true;
}

}  // namespace

Result<std::unique_ptr<SoftwareRenderer>> SoftwareRenderer::Create(GLFWwindow* window) {
    auto x11 = std::make_unique<X11>();
    x11->display = glfwGetX11Display();
    x11->window = glfwGetX11Window(window);
    if (x11->display == nullptr || x11->window == 0) {
        return Fail("display.visual", "the software renderer needs an X11 display (DISPLAY)");
    }
    XWindowAttributes attributes{};
    if (XGetWindowAttributes(x11->display, x11->window, &attributes) == 0) {
        return Fail("display.visual", "cannot read the window's attributes from the X server");
    }
    x11->visual = attributes.visual;
    if (attributes.depth != 24 || x11->visual->c_class != TrueColor ||
        x11->visual->red_mask != 0xFF0000 || x11->visual->green_mask != 0xFF00 ||
        x11->visual->blue_mask != 0xFF) {
        return Fail("display.visual",
                    "the software renderer needs a 24-bit TrueColor display (got depth " +
                        std::to_string(attributes.depth) +
                        "); set [display] renderer = \"opengl\" or run the X server at 24 bit");
    }
    x11->gc = XCreateGC(x11->display, x11->window, 0, nullptr);
    x11->shm_usable = XShmQueryExtension(x11->display) == True;
    // The renderer draws every index range from its own vertex offset (meshes of more than
    // 64k vertices with 16-bit indices).
    ImGui::GetIO().BackendFlags |= ImGuiBackendFlags_RendererHasVtxOffset;
    return std::unique_ptr<SoftwareRenderer>(new SoftwareRenderer(std::move(x11)));
}

SoftwareRenderer::SoftwareRenderer(std::unique_ptr<X11> x11) : m_x11(std::move(x11)) {}

SoftwareRenderer::~SoftwareRenderer() {
    DetachShm(*m_x11);
    XFreeGC(m_x11->display, m_x11->gc);
}

void SoftwareRenderer::UploadFonts() {
    ImFontAtlas& atlas = *ImGui::GetIO().Fonts;
    unsigned char* alpha = nullptr;
    int w = 0;
    int h = 0;
    atlas.GetTexDataAsAlpha8(&alpha, &w, &h);
    m_raster.SetFontAtlas(alpha, w, h);
    atlas.SetTexID(reinterpret_cast<ImTextureID>(static_cast<intptr_t>(1)));
    atlas.ClearTexData();
}

void SoftwareRenderer::Render(ImDrawData* dd, Rotation rotation, float panel_w, float panel_h,
                              int fb_w, int fb_h) {
    TurnDrawData(dd, rotation, panel_w, panel_h, fb_w, fb_h);
    X11& x = *m_x11;
    const bool size_changed = m_raster.Width() != fb_w || m_raster.Height() != fb_h;
    if (x.shm_usable && (size_changed || x.shm_image == nullptr)) {
        x.shm_usable = AttachShm(x, fb_w, fb_h);
        if (x.shm_usable) {
            m_raster.SetTarget(reinterpret_cast<std::uint32_t*>(x.shm.shmaddr), fb_w, fb_h);
        }
    }
    if (!x.shm_usable) {
        m_raster.Resize(fb_w, fb_h);
    }
    const ImVec4 bg = ImGui::GetStyle().Colors[ImGuiCol_WindowBg];
    const auto byte = [](float c) { return static_cast<std::uint32_t>(c * 255.0f + 0.5f) & 0xFFu; };
    m_raster.Clear((byte(bg.x) << 16) | (byte(bg.y) << 8) | byte(bg.z));
    m_raster.Draw(*dd);
}

Result<void> SoftwareRenderer::Screenshot(const std::string& path) {
    return m_raster.WritePng(path);
}

void SoftwareRenderer::Present() {
    if (m_raster.Width() == 0 || m_raster.Height() == 0) {
        return;
    }
    X11& x = *m_x11;
    if (x.shm_image != nullptr) {
        XShmPutImage(x.display, x.window, x.gc, x.shm_image, 0, 0, 0, 0,
                     static_cast<unsigned>(m_raster.Width()),
                     static_cast<unsigned>(m_raster.Height()), False);
        // The server has copied the picture when this returns: the next frame may draw.
        XSync(x.display, False);
        return;
    }
    // An image header around the rasterizer's pixels (no copy): 32 bits per pixel in this
    // machine's byte order, which Xlib converts if the server's differs.
    XImage* image =
        XCreateImage(m_x11->display, m_x11->visual, 24, ZPixmap, 0,
                     reinterpret_cast<char*>(const_cast<std::uint32_t*>(m_raster.Pixels())),
                     static_cast<unsigned>(m_raster.Width()),
                     static_cast<unsigned>(m_raster.Height()), 32, m_raster.Width() * 4);
    if (image == nullptr) {
        return;
    }
    image->byte_order = std::endian::native == std::endian::little ? LSBFirst : MSBFirst;
    XPutImage(m_x11->display, m_x11->window, m_x11->gc, image, 0, 0, 0, 0,
              static_cast<unsigned>(m_raster.Width()), static_cast<unsigned>(m_raster.Height()));
    image->data = nullptr;  // the rasterizer's, not Xlib's to free
    XDestroyImage(image);
    XFlush(m_x11->display);
}

void SoftwareRenderer::Finish() {
    XSync(m_x11->display, False);
}

void SoftwareRenderer::PresentBlack() {
    m_raster.Clear(0);  // what Repaint shows until the next frame
    // The whole window, also when no frame was drawn yet (a start at night).
    X11& x = *m_x11;
    XWindowAttributes attributes{};
    if (XGetWindowAttributes(x.display, x.window, &attributes) != 0) {
        XSetForeground(x.display, x.gc, BlackPixel(x.display, DefaultScreen(x.display)));
        XFillRectangle(x.display, x.window, x.gc, 0, 0, static_cast<unsigned>(attributes.width),
                       static_cast<unsigned>(attributes.height));
    }
    XSync(x.display, False);
}

bool SoftwareRenderer::Repaint() {
    Present();
    return true;
}

const char* SoftwareRenderer::PresentPath() const {
    return m_x11->shm_image != nullptr ? "shm" : "socket";
}

bool DisplayHasDirectRendering() {
    Display* display = glfwGetX11Display();
    if (display == nullptr) {
        return false;
    }
    int opcode = 0;
    int event = 0;
    int error = 0;
    return XQueryExtension(display, "DRI3", &opcode, &event, &error) == True ||
           XQueryExtension(display, "DRI2", &opcode, &event, &error) == True;
}

}  // namespace treffpunkt
