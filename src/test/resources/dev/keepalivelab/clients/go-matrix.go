// Go's net/http client with its defaults: HTTP/1.1 to http:// URLs, HTTP/2 to https:// ones (by ALPN), trusting any
// certificate, as curl -k does. It counts the connections it dials (httptrace's GotConn, not reused).
// Usage: go run go-matrix.go URLS_JSON GAP_MS sequential|burst
package main

import (
	"crypto/tls"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/httptrace"
	"os"
	"strconv"
	"sync"
	"sync/atomic"
	"time"
)

type run struct {
	Sent        int     `json:"sent"`
	Answered    int     `json:"answered"`
	Connections int64   `json:"connections"`
	Error       *string `json:"error"`
}

func main() {
	var urls []string
	if err := json.Unmarshal([]byte(os.Args[1]), &urls); err != nil {
		panic(err)
	}
	gap, err := strconv.Atoi(os.Args[2])
	if err != nil {
		panic(err)
	}
	transport := http.DefaultTransport.(*http.Transport).Clone()
	transport.TLSClientConfig = &tls.Config{InsecureSkipVerify: true}
	client := &http.Client{Transport: transport}
	var dialled int64
	trace := &httptrace.ClientTrace{GotConn: func(info httptrace.GotConnInfo) {
		if !info.Reused {
			atomic.AddInt64(&dialled, 1)
		}
	}}
	errors := make([]string, len(urls))
	if os.Args[3] == "burst" {
		var all sync.WaitGroup
		for i, url := range urls {
			all.Add(1)
			go func(i int, url string) {
				defer all.Done()
				errors[i] = get(client, trace, url)
			}(i, url)
		}
		all.Wait()
	} else {
		for i, url := range urls {
			errors[i] = get(client, trace, url)
			time.Sleep(time.Duration(gap) * time.Millisecond)
		}
	}
	result := run{Sent: len(urls), Connections: atomic.LoadInt64(&dialled)}
	for _, e := range errors {
		if e == "" {
			result.Answered++
		} else if result.Error == nil {
			first := e
			result.Error = &first
		}
	}
	out, _ := json.Marshal(result)
	fmt.Println(string(out))
}

// get sends one GET and reads its whole body: "" when it was answered 200, else what went wrong.
func get(client *http.Client, trace *httptrace.ClientTrace, url string) string {
	request, err := http.NewRequest("GET", url, nil)
	if err != nil {
		return err.Error()
	}
	request = request.WithContext(httptrace.WithClientTrace(request.Context(), trace))
	request.Header.Set("User-Agent", "keepalive-matrix")
	response, err := client.Do(request)
	if err != nil {
		return err.Error()
	}
	defer response.Body.Close()
	if _, err := io.Copy(io.Discard, response.Body); err != nil {
		return err.Error()
	}
	if response.StatusCode != 200 {
		return fmt.Sprintf("status %d", response.StatusCode)
	}
	return ""
}
