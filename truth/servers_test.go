package truth

import (
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/tls"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/binary"
	"encoding/pem"
	"errors"
	"fmt"
	"io"
	"log"
	"math/big"
	"net"
	"net/http"
	"strings"
	"sync"
	"time"
)

// The addresses the fixtures use. They are fixed because resolv.conf and
// /etc/hosts cannot name a port, and the fixtures take no configuration;
// the suite runs in its own network namespace, so they never collide with
// anything on the machine.
const (
	dnsAddr   = "127.0.0.53:53" // resolv.conf's nameserver; 127.0.0.1:53, the fallback, stays empty
	httpsAddr = "127.0.0.1:443"
	// A remote syslog server (RFC 3164 over UDP): the syslogremote fixture
	// logs to it; messages are dropped.
	syslogAddr = "127.0.0.1:514"
	// The DNS server answers Go's resolver (which sends an EDNS0 OPT
	// record) and libc's resolvers (which do not) with different
	// addresses, so a fixture's output shows which resolver ran. An HTTP
	// server listens on both.
	goResolverAnswer   = "127.0.0.1"
	libcResolverAnswer = "127.0.0.2"
	dnsOnlyName        = "svc.truth.test"
	hostsOnlyName      = "hostsonly.truth.test"
)

// testCA is a private certificate authority made for one run; only the
// root filesystems' CA bundles (and the tlspool fixture's own file) trust it.
type testCA struct {
	certPEM []byte
	leaf    tls.Certificate
}

func newTestCA() (*testCA, error) {
	caKey, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		return nil, err
	}
	now := time.Now()
	caTemplate := &x509.Certificate{
		SerialNumber:          big.NewInt(1),
		Subject:               pkix.Name{CommonName: "scratchvet runtime-truth test CA"},
		NotBefore:             now.Add(-time.Hour),
		NotAfter:              now.Add(24 * time.Hour),
		KeyUsage:              x509.KeyUsageCertSign,
		BasicConstraintsValid: true,
		IsCA:                  true,
	}
	caDER, err := x509.CreateCertificate(rand.Reader, caTemplate, caTemplate, &caKey.PublicKey, caKey)
	if err != nil {
		return nil, err
	}
	caCert, err := x509.ParseCertificate(caDER)
	if err != nil {
		return nil, err
	}
	leafKey, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		return nil, err
	}
	leafTemplate := &x509.Certificate{
		SerialNumber: big.NewInt(2),
		Subject:      pkix.Name{CommonName: "127.0.0.1"},
		NotBefore:    now.Add(-time.Hour),
		NotAfter:     now.Add(24 * time.Hour),
		KeyUsage:     x509.KeyUsageDigitalSignature,
		ExtKeyUsage:  []x509.ExtKeyUsage{x509.ExtKeyUsageServerAuth},
		IPAddresses:  []net.IP{net.ParseIP("127.0.0.1")},
	}
	leafDER, err := x509.CreateCertificate(rand.Reader, leafTemplate, caCert, &leafKey.PublicKey, caKey)
	if err != nil {
		return nil, err
	}
	return &testCA{
		certPEM: pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: caDER}),
		leaf:    tls.Certificate{Certificate: [][]byte{leafDER}, PrivateKey: leafKey},
	}, nil
}

// servers are the DNS, HTTP, HTTPS and syslog servers the fixtures talk to.
type servers struct {
	dns     net.PacketConn
	syslog  net.PacketConn
	web     []*http.Server
	stopped sync.WaitGroup
}

// startServers starts every server; stop shuts them down.
func startServers(ca *testCA) (*servers, error) {
	s := &servers{}
	dns, err := net.ListenPacket("udp4", dnsAddr)
	if err != nil {
		return nil, fmt.Errorf("DNS server: %w", err)
	}
	s.dns = dns
	s.stopped.Add(1)
	go func() {
		defer s.stopped.Done()
		serveDNS(dns)
	}()

	if s.syslog, err = net.ListenPacket("udp4", syslogAddr); err != nil {
		s.stop()
		return nil, fmt.Errorf("syslog server: %w", err)
	}
	s.stopped.Add(1)
	go func() {
		defer s.stopped.Done()
		buf := make([]byte, 64<<10)
		for {
			if _, _, err := s.syslog.ReadFrom(buf); errors.Is(err, net.ErrClosed) {
				return
			}
		}
	}()

	hello := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		fmt.Fprintf(w, "hello from %s", r.Context().Value(http.LocalAddrContextKey))
	})
	listen := func(addr string, tlsConfig *tls.Config) error {
		ln, err := net.Listen("tcp4", addr)
		if err != nil {
			return err
		}
		srv := &http.Server{Handler: hello, ReadHeaderTimeout: 10 * time.Second,
			// Failed handshakes are the point of some cells; the fixture's
			// own output reports them.
			ErrorLog: log.New(io.Discard, "", 0)}
		s.web = append(s.web, srv)
		s.stopped.Add(1)
		go func() {
			defer s.stopped.Done()
			if tlsConfig != nil {
				ln = tls.NewListener(ln, tlsConfig)
			}
			srv.Serve(ln)
		}()
		return nil
	}
	for _, addr := range []string{goResolverAnswer + ":80", libcResolverAnswer + ":80"} {
		if err := listen(addr, nil); err != nil {
			s.stop()
			return nil, fmt.Errorf("HTTP server: %w", err)
		}
	}
	if err := listen(httpsAddr, &tls.Config{Certificates: []tls.Certificate{ca.leaf}}); err != nil {
		s.stop()
		return nil, fmt.Errorf("HTTPS server: %w", err)
	}
	return s, nil
}

func (s *servers) stop() {
	if s.dns != nil {
		s.dns.Close()
	}
	if s.syslog != nil {
		s.syslog.Close()
	}
	for _, srv := range s.web {
		srv.Close()
	}
	s.stopped.Wait()
}

// serveDNS answers A queries for dnsOnlyName until conn is closed; every
// other name is NXDOMAIN, and other types for dnsOnlyName get no records.
func serveDNS(conn net.PacketConn) {
	buf := make([]byte, 4096)
	for {
		n, peer, err := conn.ReadFrom(buf)
		if err != nil {
			if errors.Is(err, net.ErrClosed) {
				return
			}
			continue
		}
		if reply, err := dnsReply(buf[:n]); err == nil {
			conn.WriteTo(reply, peer)
		}
	}
}

const (
	dnsTypeA   = 1
	dnsTypeOPT = 41
	dnsClassIN = 1
)

// dnsReply builds the answer to one query (RFC 1035 §4.1). It is minimal on
// purpose: one question, no compression in queries, as every stub resolver
// sends.
func dnsReply(query []byte) ([]byte, error) {
	if len(query) < 12 {
		return nil, errors.New("short message")
	}
	if binary.BigEndian.Uint16(query[4:]) != 1 {
		return nil, errors.New("want exactly one question")
	}
	name, end, err := dnsName(query, 12)
	if err != nil || end+4 > len(query) {
		return nil, errors.New("bad question")
	}
	qtype := binary.BigEndian.Uint16(query[end:])
	question := query[12 : end+4]
	// Go's resolver always adds an OPT record (EDNS0); glibc and musl do
	// not. The additional section follows the question when there are no
	// answer or authority records, as in every query.
	edns0 := binary.BigEndian.Uint16(query[10:]) > 0 && end+4+3 <= len(query) &&
		binary.BigEndian.Uint16(query[end+4+1:]) == dnsTypeOPT

	known := strings.EqualFold(strings.TrimSuffix(name, "."), dnsOnlyName)
	rcode := uint16(0)
	if !known {
		rcode = 3 // NXDOMAIN
	}
	var answer []byte
	if known && qtype == dnsTypeA {
		ip := libcResolverAnswer
		if edns0 {
			ip = goResolverAnswer
		}
		answer = binary.BigEndian.AppendUint16(answer, 0xc00c) // the question's name
		answer = binary.BigEndian.AppendUint16(answer, dnsTypeA)
		answer = binary.BigEndian.AppendUint16(answer, dnsClassIN)
		answer = binary.BigEndian.AppendUint32(answer, 60) // TTL
		answer = binary.BigEndian.AppendUint16(answer, 4)
		answer = append(answer, net.ParseIP(ip).To4()...)
	}
	flags := uint16(0x8000|0x0400|0x0080) | rcode        // QR, AA, RA
	flags |= binary.BigEndian.Uint16(query[2:]) & 0x0100 // copy RD
	reply := make([]byte, 0, 12+len(question)+len(answer))
	reply = append(reply, query[0], query[1]) // ID
	reply = binary.BigEndian.AppendUint16(reply, flags)
	reply = binary.BigEndian.AppendUint16(reply, 1) // QDCOUNT
	ancount := uint16(0)
	if answer != nil {
		ancount = 1
	}
	reply = binary.BigEndian.AppendUint16(reply, ancount)
	reply = binary.BigEndian.AppendUint16(reply, 0) // NSCOUNT
	reply = binary.BigEndian.AppendUint16(reply, 0) // ARCOUNT
	reply = append(reply, question...)
	return append(reply, answer...), nil
}

// dnsName decodes the uncompressed name at off and returns it with the
// offset just past it.
func dnsName(msg []byte, off int) (string, int, error) {
	var labels []string
	for {
		if off >= len(msg) {
			return "", 0, errors.New("name runs past the message")
		}
		n := int(msg[off])
		off++
		if n == 0 {
			return strings.Join(labels, ".") + ".", off, nil
		}
		if n > 63 || off+n > len(msg) {
			return "", 0, errors.New("bad label")
		}
		labels = append(labels, string(msg[off:off+n]))
		off += n
	}
}
