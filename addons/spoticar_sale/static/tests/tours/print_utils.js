/**
 * Printing from a tour. A report action blocks the UI (".o_blockUI") while the PDF is rendered and
 * downloaded: the block can come late (the action loads first, slow on a busy machine) or go within
 * a few milliseconds (an idle one), so it is watched with a MutationObserver set up before the
 * click, and the step ends once it has come and gone.
 */

const PRINT_TIMEOUT = 30000;

function blockedUI() {
    return Boolean(document.querySelector(".o_blockUI"));
}

/**
 * Click the print button (an element or a selector) and wait for the PDF to be downloaded.
 * Fails when printing never starts or never ends within PRINT_TIMEOUT.
 */
export async function clickAndWaitForPrint(click, button) {
    let blocked = false;
    const observer = new MutationObserver(() => {
        blocked ||= blockedUI();
    });
    observer.observe(document.body, { childList: true, subtree: true });
    try {
        await click(button);
        const deadline = Date.now() + PRINT_TIMEOUT;
        while (Date.now() < deadline) {
            blocked ||= blockedUI();
            if (blocked && !blockedUI()) {
                return;
            }
            await new Promise((resolve) => setTimeout(resolve, 20));
        }
        throw new Error(blocked ? "The document is still printing" : "The document was not printed");
    } finally {
        observer.disconnect();
    }
}

export { PRINT_TIMEOUT };
