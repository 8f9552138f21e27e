package lsp

import (
	"crypto/sha256"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync"

	"github.com/scratchvet/scratchvet/internal/deploy"
	"github.com/scratchvet/scratchvet/lsp/protocol"
)

// The text synchronisation notifications only record the editor's text
// (the overlay that analysis reads instead of the disk) and tell the engine
// which files changed; analysis happens in the next round.

func (s *Server) didOpen(p *protocol.DidOpenTextDocumentParams) error {
	path, err := p.TextDocument.URI.Path()
	if err != nil {
		return err
	}
	s.mu.Lock()
	s.docs[path] = &document{uri: p.TextDocument.URI, version: p.TextDocument.Version, content: []byte(p.TextDocument.Text)}
	s.mu.Unlock()
	s.work.changed(path, now, 0)
	return nil
}

func (s *Server) didChange(p *protocol.DidChangeTextDocumentParams) error {
	path, err := p.TextDocument.URI.Path()
	if err != nil {
		return err
	}
	s.mu.Lock()
	doc := s.docs[path]
	if doc == nil {
		s.mu.Unlock()
		return fmt.Errorf("%s is not open", p.TextDocument.URI)
	}
	content, err := protocol.ApplyChanges(doc.content, p.ContentChanges)
	if err != nil {
		s.mu.Unlock()
		// The client and the server now disagree on the text: ask for
		// the document again by dropping it (the next didOpen resyncs).
		return fmt.Errorf("%s: %w", p.TextDocument.URI, err)
	}
	// A new document value: rounds read the old one without locking.
	s.docs[path] = &document{uri: doc.uri, version: p.TextDocument.Version, content: content}
	when, delay := debounced, s.opts.Delay
	if s.opts.Run == runOnSave {
		when = later
	}
	s.mu.Unlock()
	s.work.changed(path, when, delay)
	return nil
}

func (s *Server) didSave(p *protocol.DidSaveTextDocumentParams) error {
	path, err := p.TextDocument.URI.Path()
	if err != nil {
		return err
	}
	if p.Text != nil {
		s.mu.Lock()
		if doc := s.docs[path]; doc != nil {
			s.docs[path] = &document{uri: doc.uri, version: doc.version, content: []byte(*p.Text)}
		}
		s.mu.Unlock()
	}
	if isModuleFile(path) {
		s.work.reloadDir(filepath.Dir(path))
		return nil
	}
	s.work.saved(path)
	return nil
}

func (s *Server) didClose(p *protocol.DidCloseTextDocumentParams) error {
	path, err := p.TextDocument.URI.Path()
	if err != nil {
		return err
	}
	s.mu.Lock()
	delete(s.docs, path)
	s.mu.Unlock()
	// The disk's text replaces the editor's: unsaved changes are gone.
	s.work.changed(path, now, 0)
	return nil
}

func (s *Server) didChangeWatchedFiles(p *protocol.DidChangeWatchedFilesParams) {
	for _, c := range p.Changes {
		path, err := c.URI.Path()
		if err != nil {
			continue
		}
		switch base := filepath.Base(path); {
		case isModuleFile(path):
			s.work.reloadDir(filepath.Dir(path))
		case base == "scratchvet.toml" || base == ".scratchvet.toml" || deploy.IsDeploymentFile(path):
			s.work.settingsChanged() // forget the parsed file and the discovered deployments
			s.work.reloadAll()
		case strings.HasSuffix(base, ".go"):
			s.mu.Lock()
			_, open := s.docs[path]
			s.mu.Unlock()
			if !open || c.Type != protocol.FileChanged {
				// Edited outside the editor, created or deleted: the next
				// round lists its package again if its files changed.
				s.work.changed(path, now, 0)
			}
		}
	}
}

func (s *Server) didChangeWorkspaceFolders(p *protocol.DidChangeWorkspaceFoldersParams) {
	s.mu.Lock()
	removed := map[string]bool{}
	for _, f := range p.Event.Removed {
		if dir, err := f.URI.Path(); err == nil {
			removed[dir] = true
		}
	}
	var folders []string
	for _, f := range s.folders {
		if !removed[f] {
			folders = append(folders, f)
		}
	}
	for _, f := range p.Event.Added {
		if dir, err := f.URI.Path(); err == nil {
			folders = append(folders, dir)
		}
	}
	s.folders = folders
	s.mu.Unlock()
	s.work.reloadAll()
}

// isModuleFile reports whether a file decides how packages load; a
// change of one on disk means listing again.
func isModuleFile(path string) bool {
	switch filepath.Base(path) {
	case "go.mod", "go.sum", "go.work", "go.work.sum":
		return true
	}
	return false
}

// overlay is the text of the open Go documents at one moment (the go
// command takes overlays of Go files only: go.mod edits count once saved).
type overlay struct {
	files    map[string][]byte
	versions map[string]int32
	uris     map[string]protocol.DocumentURI
	hashes   *sync.Map // file → hash of its text in files, computed once
}

func (s *Server) overlay() overlay {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.overlayLocked()
}

// session returns what the next round reads: the options, folders,
// capabilities and open documents of this moment, as one value.
func (s *Server) session() session {
	s.mu.Lock()
	defer s.mu.Unlock()
	return session{opts: s.opts, folders: append([]string(nil), s.folders...), caps: s.caps, overlay: s.overlayLocked()}
}

// overlayLocked is overlay with s.mu held.
func (s *Server) overlayLocked() overlay {
	o := overlay{files: map[string][]byte{}, versions: map[string]int32{}, uris: map[string]protocol.DocumentURI{}, hashes: new(sync.Map)}
	for path, doc := range s.docs {
		o.versions[path] = doc.version
		o.uris[path] = doc.uri
		if strings.HasSuffix(path, ".go") {
			o.files[path] = doc.content
		}
	}
	return o
}

// hash returns the hash of src, the text of file (the overlay's, or the
// disk's when the file is not open: not remembered).
func (o overlay) hash(file string, src []byte) hash {
	if _, open := o.files[file]; !open || o.hashes == nil {
		return hashOf(src)
	}
	if h, ok := o.hashes.Load(file); ok {
		return h.(hash)
	}
	h := hashOf(src)
	o.hashes.Store(file, h)
	return h
}

// read returns a file's text: the editor's if it is open, else the disk's.
func (o overlay) read(path string) ([]byte, error) {
	if content, ok := o.files[path]; ok {
		return content, nil
	}
	return os.ReadFile(path)
}

func (o overlay) uri(path string) protocol.DocumentURI {
	if u, ok := o.uris[path]; ok {
		return u
	}
	return protocol.URIFromPath(path)
}

func (o overlay) version(path string) *int32 {
	if v, ok := o.versions[path]; ok {
		return &v
	}
	return nil
}

// hash identifies a file's text; results and fixes remember the hash of
// the text their positions refer to.
type hash [sha256.Size]byte

func hashOf(content []byte) hash { return sha256.Sum256(content) }
