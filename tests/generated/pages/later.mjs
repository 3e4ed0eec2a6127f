// Changes a test page makes on its own, some time after a person's action (a re-render after
// "saving", a dialog that closes): shared by the generated pages and the upload galleries, which
// bundle it. Served as it is under /generated/pages/.

window.__pendingChanges = window.__pendingChanges || 0;

/**
 * Make `change` (which must update the DOM synchronously, e.g. inside React's flushSync) `ms` from
 * now, counted in window.__pendingChanges meanwhile: tests wait for the count to reach 0 instead of
 * sleeping for the longest delay a page might use.
 */
export function later(change, ms) {
  window.__pendingChanges++;
  setTimeout(() => {
    try {
      change();
    } finally {
      window.__pendingChanges--;
    }
  }, ms);
}
