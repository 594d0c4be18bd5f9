/// <reference types="office-js" />
/**
 * Mounts the pane with the Office theme: Fluent's dark theme when Office's
 * body background is dark, else the light web theme.
 */
import { FluentProvider, webDarkTheme, webLightTheme } from "@fluentui/react-components";
import { createRoot } from "react-dom/client";
import { officeExcelRun } from "../excel/excelRun";
import { Pane } from "./Pane";

/** True when Office's theme has a dark background (luminance below one half). */
export function isDarkTheme(background: string | undefined): boolean {
  const match = /^#?([0-9a-f]{6})$/i.exec(background ?? "");
  if (!match) return false;
  const n = parseInt(match[1]!, 16);
  const luminance =
    (0.2126 * ((n >> 16) & 255) + 0.7152 * ((n >> 8) & 255) + 0.0722 * (n & 255)) / 255;
  return luminance < 0.5;
}

export function mountPane(element: HTMLElement): void {
  const dark = isDarkTheme(Office.context?.officeTheme?.bodyBackgroundColor);
  // Native controls (the date field's calendar icon) follow the theme too: a dark icon on a dark pane was invisible.
  document.documentElement.style.colorScheme = dark ? "dark" : "light";
  createRoot(element).render(
    <FluentProvider theme={dark ? webDarkTheme : webLightTheme} style={{ minHeight: "100vh" }}>
      <Pane run={officeExcelRun} />
    </FluentProvider>
  );
}
