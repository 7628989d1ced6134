//go:build !wasm

package main

import (
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"strings"

	"github.com/maxence-charriere/go-app/v10/pkg/app"
)

// A link to the site shared on a social network shows its title, its
// description and, where the page says where it is, its address and image
// (og:url, og:image). Those must be absolute, and only whoever deploys the
// site knows its address: make site URL=https://example.org/openras.

// shareAddress sets the handler's address for og:url and og:image from the
// site's address, whose path must be the prefix the site is built with.
func shareAddress(h *app.Handler, siteURL, prefix string) error {
	if siteURL == "" {
		return nil
	}
	u, err := url.Parse(siteURL)
	if err != nil || u.Scheme != "https" || u.Host == "" || u.RawQuery != "" || u.Fragment != "" || u.User != nil {
		return fmt.Errorf("-url %q: write the site's address like https://example.org/openras", siteURL)
	}
	if path := strings.TrimSuffix(u.Path, "/"); path != prefix {
		return fmt.Errorf("-url %q: its path %q is not the site's prefix %q", siteURL, path, prefix)
	}
	// go-app writes https:// + Domain + the page's path, prefix and all.
	h.Domain = u.Host
	h.Image = "/web/icon-512.png"
	return nil
}

// shareTag is og:url or og:image, its attributes in either order (go-app
// writes them in any).
var shareTag = regexp.MustCompile(`<meta (?:property="og:(?:url|image)" content="[^"]*"|content="[^"]*" property="og:(?:url|image)")\s*/?>\s*`)

// dropShareTags takes og:url and og:image out of every page written to out
// when the site's address is not known: go-app writes them anyway, as
// "https://" and a path, which would name no site.
func dropShareTags(out string) error {
	return filepath.WalkDir(out, func(path string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() || filepath.Ext(path) != ".html" {
			return err
		}
		data, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		return os.WriteFile(path, shareTag.ReplaceAll(data, nil), 0o644)
	})
}
