// After signing in, the identity provider sends the browser to the app's home page: this takes
// the person back to the page (and its view) where "sign in" was pressed. The page is kept in
// the tab's sessionStorage, and only a path of this site is followed.
((signedIn) => {
  const KEY = "kohtaanto.afterSignIn";
  if (!window.kohtaantoSignIn) {
    window.kohtaantoSignIn = true;
    document.addEventListener(
      "click",
      (event) => {
        if (event.target.closest && event.target.closest(".st-key-sign_in")) {
          sessionStorage.setItem(KEY, location.pathname + location.search);
        }
      },
      true,
    );
  }
  if (!signedIn) return;
  const back = sessionStorage.getItem(KEY);
  sessionStorage.removeItem(KEY);
  const here = location.pathname + location.search;
  if (back && back.startsWith("/") && !back.startsWith("//") && back !== here) {
    location.replace(back);
  }
})(__SIGNED_IN__);
